def context(request, initiative):
    return None
