from wagtail import hooks


@hooks.register("load_demo")
def load_demo_exhibitions(**kwargs):
    from .demo import load_demo_exhibitions

    load_demo_exhibitions(**kwargs)
