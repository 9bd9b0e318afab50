from django.shortcuts import render

from steering import selectors
from strongcities.permissions import can


def committee(request):
    return render(
        request,
        "steering/committee.html",
        {
            "members": selectors.current_committee(),
            "may_see_restricted": can(request.user, "steering.view_restricted"),
        },
    )
