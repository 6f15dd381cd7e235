from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and annotations"

    def ready(self) -> None:
        from articles.readmodels.generation import connect_signals

        connect_signals()
