"""The content app's answers to the other apps' extension points: a training programme's report
links to the good-practice pages that tell its story (training never imports the pages)."""

from wagtail import hooks

from pelatihan.selectors.reports import PROGRAMME_PAGES_HOOK

from .models import GoodPracticePage


@hooks.register(PROGRAMME_PAGES_HOOK)
def good_practice_pages(programme, user) -> list[tuple[str, str]]:
    """The live good-practice pages about ``programme`` that ``user`` may read."""
    pages = GoodPracticePage.objects.live().visible_to(user).filter(programme=programme).order_by("title")
    return [(page.title, page.url) for page in pages]
