from functools import wraps

from audit import services


def audited_export(export: str):
    """Record every download the view answers with as an export entry.

    Put it under @permission_required, so refused requests record nothing and the
    object the permission check loaded (kwargs["obj"]) is the entry's object.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            disposition = response.get("Content-Disposition", "")
            if response.status_code == 200 and disposition.startswith("attachment"):
                services.record_export(
                    request=request, export=export, response=response, obj=kwargs.get("obj")
                )
            return response

        wrapped.audited_export = export
        return wrapped

    return decorator
