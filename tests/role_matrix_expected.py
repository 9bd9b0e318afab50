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
MU_ADMIN_APPS = [
    "members",
    "hubs",
    "resources",
    "events",
    "steering",
    "surveys",
    "strongcities_invitation",
]

READ_ONLY_MEMBERS_MODELS = [
    "agreedexpectations",
    "principlesagreement",
    "focalpointhandover",
    "continuityalert",
    "profilerevision",
]

EXPECTED = {
    "healthz": PUBLIC,
    "security-txt": PUBLIC,
    "public-media": table(MISSING),  # only existing logos and covers are served
    "api-schema": PUBLIC,
    "sitemap": PUBLIC,
    # a focal point's own city in the API: signed-in people only, and only their city
    "api:my-city-list": table(OK, anonymous=FORBIDDEN),
    "api:my-city-detail": table(FORBIDDEN, focal_a=OK, mu=OK, admin=OK),
    "api:steering-meeting-*": table(FORBIDDEN, mu=OK, committee=OK, admin=OK),
    "api:resource-detail": table(MISSING),  # the matrix resource is a draft
    "api:my-registration-list": table(OK, anonymous=FORBIDDEN),
    "api:my-registration-detail": table(MISSING, anonymous=FORBIDDEN, focal_a=OK),
    "api:event-detail": table(MISSING),  # the matrix event is a draft
    # helpdesk API (hubs app): the matrix ticket is city A's, in hub A
    "api:helpdesk-ticket-list": table(OK, anonymous=FORBIDDEN, committee=FORBIDDEN),
    "api:helpdesk-ticket-detail": table(
        OK, anonymous=FORBIDDEN, committee=FORBIDDEN, focal_b=MISSING, hub_b=MISSING
    ),
    "api:helpdesk-ticket-reply": table(METHOD, anonymous=FORBIDDEN, committee=FORBIDDEN),
    "api:*": PUBLIC,
    # public pages
    "home": PUBLIC,
    # --- members: city A is in hub A; its focal point, the MU and admins edit it ---
    "members:my-city": table(OK, anonymous=LOGIN, focal_a=REDIRECT, focal_b=REDIRECT),
    "members:city-edit": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, mu=OK, admin=OK),
    "members:city-handover": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, mu=OK, admin=OK),
    "members:city-invite-colleague": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, mu=OK, admin=OK),
    "members:city-agree": table(METHOD),
    "members:city-history": table(
        FORBIDDEN, anonymous=LOGIN, focal_a=OK, hub_a=OK, mu=OK, admin=OK
    ),
    "members:*": PUBLIC,
    # engagement tracking: hub staff see their own region's members only
    "engagement:dashboard": STAFF_DASHBOARD,
    "engagement:export": STAFF_DASHBOARD,
    "engagement:city": table(MISSING, anonymous=LOGIN, focal_a=OK, hub_a=OK, mu=OK, admin=OK),
    "engagement:expectations": table(
        MISSING, anonymous=LOGIN, focal_a=FORBIDDEN, hub_a=FORBIDDEN, mu=OK, admin=OK
    ),
    "engagement:colleague-requests": STAFF_DASHBOARD,
    "engagement:colleague-request-decide": table(METHOD),
    "engagement:import": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
    # hubs app: stakeholders for the hub's staff and the MU; the helpdesk (issue 5)
    "hubs:stakeholder-list": table(FORBIDDEN, anonymous=LOGIN, hub_a=OK, mu=OK, admin=OK),
    "hubs:needs": table(FORBIDDEN, anonymous=LOGIN, hub_a=OK, mu=OK, admin=OK),
    "helpdesk:ticket-list": table(OK, anonymous=LOGIN, committee=FORBIDDEN),
    "helpdesk:ticket-new": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, focal_b=OK),
    # the matrix ticket belongs to city A in hub A: others do not learn it exists
    "helpdesk:ticket-detail": table(
        OK, anonymous=LOGIN, focal_b=MISSING, hub_b=MISSING, committee=FORBIDDEN
    ),
    # a file of the matrix request: whoever sees the request; nobody else learns it exists
    "helpdesk:attachment": table(
        OK, anonymous=LOGIN, focal_b=MISSING, hub_b=MISSING, committee=FORBIDDEN
    ),
    "helpdesk:fund-list": table(OK, anonymous=LOGIN, committee=FORBIDDEN),
    "helpdesk:exchange-list": table(OK, anonymous=LOGIN, committee=FORBIDDEN),
    "helpdesk:exchange-new": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, focal_b=OK),
    # the matrix exchange: city A asks, city B is the peer, hub A brokers
    "helpdesk:exchange-detail": table(OK, anonymous=LOGIN, hub_b=MISSING, committee=FORBIDDEN),
    "helpdesk:fund-new": table(
        FORBIDDEN, anonymous=LOGIN, focal_a=OK, focal_b=OK, hub_a=OK, hub_b=OK
    ),
    "helpdesk:fund-detail": table(
        OK, anonymous=LOGIN, focal_b=MISSING, hub_b=MISSING, committee=FORBIDDEN
    ),
    "hubs:*": PUBLIC,
    # drafts are never public; the Management Unit previews them
    "resources:resource-detail": table(MISSING, mu=OK, admin=OK),
    "resources:attachment": table(MISSING, mu=OK, admin=OK),  # a file of the draft
    "resources:resource-submit": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, focal_b=OK),
    "resources:translation-parity": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
    "resources:*": PUBLIC,
    # events: the matrix event "e" is an unpublished draft without a hub, so only the
    # Management Unit and administrators see it; POST-only views answer GET with 405
    "events:my-registrations": SIGNED_IN,
    "events:personal-feed": table(MISSING),  # an unknown token
    "events:event-detail": table(MISSING, mu=OK, admin=OK),
    "events:event-ics": table(MISSING, mu=OK, admin=OK),
    "events:participants*": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
    "events:certificate": table(MISSING, anonymous=LOGIN),  # nobody attended the draft
    "events:registration-certificate": table(MISSING, anonymous=LOGIN),  # not attended
    "events:guest-register": table(MISSING),  # a forged guest link
    "events:guest-registration": table(MISSING),  # a forged link of a guest's own
    "events:guest-certificate": table(MISSING),
    "events:register": table(METHOD),
    "events:registration-*": table(METHOD),
    "events:*": PUBLIC,
    # meetings and their papers: committee members and the Management Unit only
    # the annual report (steering app): Management Unit staff and administrators only
    "report:index": table(FORBIDDEN, anonymous=LOGIN, mu=REDIRECT, admin=REDIRECT),
    "report:*": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
    "steering:meeting-*": table(FORBIDDEN, anonymous=LOGIN, mu=OK, committee=OK, admin=OK),
    "steering:paper-download": table(FORBIDDEN, anonymous=LOGIN, mu=OK, committee=OK, admin=OK),
    "steering:*": PUBLIC,
    # surveys (issue 7): focal points answer for their own city; staff follow the
    # results (hub staff their region's); only the MU opens, closes and resends
    "surveys:my-surveys": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK, focal_b=OK),
    "surveys:personal-link": table(MISSING),  # a forged token
    "surveys:unsubscribe": table(MISSING),  # a forged token
    "surveys:answer": table(FORBIDDEN, anonymous=LOGIN, focal_a=OK),  # city A's answer
    "surveys:response": table(FORBIDDEN, anonymous=LOGIN, hub_a=OK, hub_b=MISSING, mu=OK, admin=OK),
    "surveys:outbox": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
    "surveys:open": table(METHOD),
    "surveys:close": table(METHOD),
    "surveys:resend": table(METHOD),
    "surveys:*": table(FORBIDDEN, anonymous=LOGIN, hub_a=OK, hub_b=OK, mu=OK, admin=OK),
    # the audit trail (audit app): the Management Unit and administrators read it
    "audit:*": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
    # personal data (privacy app): the privacy page is public, everyone signed in sees
    # their own data, only administrators erase a person
    "privacy:policy": PUBLIC,
    "privacy:my-data": SIGNED_IN,
    "privacy:erase*": table(FORBIDDEN, anonymous=LOGIN, admin=OK),
    # an unknown invitation token is simply not found
    "accept-invitation": table(MISSING),
    "account-settings": SIGNED_IN,
    "dashboard": STAFF_DASHBOARD,
    # the service status page: the Management Unit and administrators
    "status": table(FORBIDDEN, anonymous=LOGIN, mu=OK, admin=OK),
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
    # records of what happened are read in the admin, never added or deleted there
    **{
        f"admin:members_{model}_{view}": admin_row(FORBIDDEN, FORBIDDEN)
        for model in READ_ONLY_MEMBERS_MODELS
        for view in ("add", "delete")
    },
    # the committee's one row (its mandate) is edited, never added a second time or deleted
    "admin:steering_committee_add": admin_row(FORBIDDEN, FORBIDDEN),
    "admin:steering_committee_delete": admin_row(FORBIDDEN, FORBIDDEN),
    # audit entries are read in the admin (administrators only), never added or deleted
    "admin:audit_auditentry_add": admin_row(FORBIDDEN, FORBIDDEN),
    "admin:audit_auditentry_delete": admin_row(FORBIDDEN, FORBIDDEN),
    # survey answers and sent emails are records: read, never added or deleted
    **{
        f"admin:surveys_{model}_{view}": admin_row(FORBIDDEN, FORBIDDEN)
        for model in ("response", "surveydelivery", "reminderdelivery")
        for view in ("add", "delete")
    },
    **{f"admin:{app}_*": admin_row(OK) for app in MU_ADMIN_APPS},
    "admin:*": admin_row(FORBIDDEN),
}
