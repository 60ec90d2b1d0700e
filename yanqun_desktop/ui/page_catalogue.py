"""The main window's pages, in navigation order, and what a role needs to see or use them.

Imported when the main window is populated (``MainWindow.populate``), not before its frame is
shown: the pages bring in the services, the models and SQLAlchemy."""

from __future__ import annotations

from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.ui.pages.audit_page import AuditPage
from yanqun_desktop.ui.pages.camp_page import CampPage
from yanqun_desktop.ui.pages.cases_page import CasesPage
from yanqun_desktop.ui.pages.dashboard_page import DashboardPage
from yanqun_desktop.ui.pages.people_page import PeoplePage
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.pages.reserve_page import ReservePage
from yanqun_desktop.ui.pages.sessions_page import SessionsPage
from yanqun_desktop.ui.pages.sync_page import SyncPage
from yanqun_desktop.ui.pages.topics_page import TopicsPage
from yanqun_desktop.ui.pages.tutors_page import TutorsPage

Page = RegistryPage | DashboardPage | SyncPage | AuditPage

PAGES: tuple[type[Page], ...] = (
    PeoplePage,
    TutorsPage,
    ReservePage,
    CampPage,
    TopicsPage,
    SessionsPage,
    CasesPage,
    DashboardPage,
    SyncPage,
    AuditPage,
)

# Pages only some roles see (the others: everyone who may view records).
PAGE_PERMISSIONS: dict[type, Permission] = {AuditPage: Permission.VIEW_AUDIT}

# Buttons of the pages that are not registry pages, by object name: a role without the
# permission finds them disabled, with a tooltip naming it (ui/gating.gate_buttons).
PAGE_BUTTONS: dict[type, dict[str, Permission]] = {
    SyncPage: {
        **dict.fromkeys(("export", "import", "import_folder", "recovery", "reexport", "decide"),
                        Permission.EXCHANGE_PACKAGES),
        "read_only_copy": Permission.MAINTAIN_DATABASE,
        "trust": Permission.MANAGE_KEYS,
        "key_backup": Permission.MANAGE_KEYS,
    },
    DashboardPage: dict.fromkeys(("report_pdf", "report_xlsx", "report_compare"), Permission.EXPORT_RECORDS),
}
