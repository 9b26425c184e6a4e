"""Demo content for the front of the site."""

from wagtail.models import Page, Site

from home.models import HomePage

HOME_INTRO = (
    "<p>Credence trains the people who ship controlled goods, software and "
    "technology. Courses are written by export-control practitioners, the "
    "assessment is timed and fair, and every certificate can be checked by "
    "the employer or regulator who relies on it.</p>"
    "<ul><li>Study at your own pace, on any device.</li>"
    "<li>Take a timed assessment when you are ready.</li>"
    "<li>Download a certificate your employer can verify.</li></ul>"
)


def seed_home_page():
    """Return the site's home page, creating it and the default site once."""
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration makes a placeholder welcome page (and a
        # site pointing at it) that would hold the "home" slug.
        Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        ).delete()
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Compliance training you can rely on",
                slug="home",
                strapline="Online courses and certified assessments in UK "
                "strategic export controls.",
                intro=HOME_INTRO,
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Credence",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Credence"
        site.save()
    return home
