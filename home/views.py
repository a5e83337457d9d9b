"""The one non-page view of the content app: search across the portal's pages."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def search(request):
    query = request.GET.get("q", "")[:200]
    results = selectors.search_pages(query, user=request.user, page_number=request.GET.get("halaman"))
    return render(request, "home/search_results.html", {"query": query.strip(), "results": results})
