"""URL arguments the role matrix (tests/test_role_matrix.py) needs for the audit trail
and the personal data pages."""


def audit_url_kwargs(net) -> dict:
    return {
        "audit:person": {"pk": net.users["focal_a"].pk},
        "audit:object": {"model": "members.city", "pk": str(net.city_a.pk)},
        "privacy:erase-person": {"pk": net.users["focal_b"].pk},
    }
