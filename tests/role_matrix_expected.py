"""Who may reach which URL: the decision table for tests/test_role_matrix.py.

Keys are URL names (or the route, for unnamed patterns), with * globs; the first
match wins. Roles: anonymous, the focal point of city A and of city B (in hub B),
staff of hub A and of hub B, Management Unit staff, a Steering Committee member
(for city A) and an administrator. Staff roles in the fixture have set up MFA.
"""

OK = "ok"  # 200
LOGIN = "login"  # redirected to sign in
MFA = "mfa"  # redirected to set up two-factor authentication
FORBIDDEN = "forbidden"  # 403
MISSING = "missing"  # 404
REDIRECT = "redirect"  # redirected elsewhere
METHOD = "method"  # 405: the page only answers POST

ROLES = ["anonymous", "focal_a", "focal_b", "hub_a", "hub_b", "mu", "committee", "admin"]
NON_CENTRAL = ["focal_a", "focal_b", "hub_a", "hub_b", "committee"]


def table(default, **by_role):
    row = dict.fromkeys(ROLES, default)
    row.update(by_role)
    return row


PUBLIC = table(OK)
SIGNED_IN = table(OK, anonymous=LOGIN)
STAFF_DASHBOARD = table(
    OK, anonymous=LOGIN, focal_a=FORBIDDEN, focal_b=FORBIDDEN, committee=FORBIDDEN
)


def admin_row(mu, admin=OK):
    """Admin pages: sign in first; only the Management Unit and administrators get in."""
    return table(FORBIDDEN, anonymous=LOGIN, mu=mu, admin=admin)


# Models the Management Unit edits in the admin; accounts, MFA and schedules are
# for administrators only.
MU_ADMIN_APPS = ["members", "hubs", "resources", "events", "steering", "strongcities_invitation"]

EXPECTED = {
    "healthz": PUBLIC,
    "api-schema": PUBLIC,
    "api:*": PUBLIC,
    # public pages
    "home": PUBLIC,
    "members:*": PUBLIC,
    "hubs:*": PUBLIC,
    "resources:*": PUBLIC,
    "events:*": PUBLIC,
    "steering:*": PUBLIC,
    # an unknown invitation token is simply not found
    "accept-invitation": table(MISSING),
    "account-settings": SIGNED_IN,
    "dashboard": STAFF_DASHBOARD,
    # --- allauth: sign-in pages send signed-in people on; account pages need sign-in ---
    "account_login": table(REDIRECT, anonymous=OK),
    "account_signup": table(REDIRECT, anonymous=OK),  # shows "sign-up is closed"
    "account_logout": table(OK, anonymous=REDIRECT),
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,  # an unknown key shows an explanation
    "account_reset_password*": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    # everyone in the fixture has a password, so "set" sends them to "change"
    "account_set_password": table(REDIRECT, anonymous=LOGIN),
    "account_confirm_login_code": table(REDIRECT, anonymous=LOGIN),
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": table(REDIRECT, anonymous=LOGIN),
    # sensitive MFA pages first ask to re-authenticate (a redirect); people
    # without MFA have nothing to deactivate or view
    "mfa_reauthenticate": table(
        OK, anonymous=LOGIN, focal_a=REDIRECT, focal_b=REDIRECT, committee=REDIRECT
    ),
    "mfa_activate_totp": table(REDIRECT, anonymous=LOGIN),
    "mfa_generate_recovery_codes": table(REDIRECT, anonymous=LOGIN),
    "mfa_*": table(REDIRECT, anonymous=LOGIN, focal_a=MISSING, focal_b=MISSING, committee=MISSING),
    # --- the Django admin ---
    "admin:index": admin_row(OK),
    "admin:login": admin_row(REDIRECT, REDIRECT),
    "admin:logout": admin_row(METHOD, METHOD),
    "admin:password_change": admin_row(OK),
    "admin:password_change_done": admin_row(OK),
    "admin:autocomplete": admin_row(FORBIDDEN, FORBIDDEN),
    "admin:jsi18n": admin_row(OK),
    "admin:view_on_site": admin_row(MISSING, MISSING),
    "admin:app_list": admin_row(OK),
    "admin/(?P<url>.*)$": admin_row(MISSING, MISSING),
    # unnamed admin patterns that redirect <object_id>/ to its change page (which
    # then checks the model permission)
    "admin/*/<path:object_id>/": admin_row(REDIRECT, REDIRECT),
    **{f"admin:{app}_*": admin_row(OK) for app in MU_ADMIN_APPS},
    "admin:*": admin_row(FORBIDDEN),
}
