from django.apps import AppConfig


class MakingConfig(AppConfig):
    name = "making"
    verbose_name = "Making a plan"

    def ready(self):
        # The plan file and the board's documents are planning's; the plan's making adds
        # its own part to each, so that planning does not depend on it.
        from making import plan_file, summary
        from planning import documents, exchange

        exchange.add_part(plan_file.PART)
        documents.HTML_FOR[documents.Document.Kind.MAKING] = summary.summary_html
