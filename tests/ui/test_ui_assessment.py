"""能力测评: an assessment saved through the form, history and the radar chart."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from test_ui_camp_board import DISTRICT, camp_trainee, district_window

from yanqun_desktop.config import Settings
from yanqun_desktop.db.models import Assessment, AssessmentScore
from yanqun_desktop.services.assessments import save_assessment
from yanqun_desktop.services.competency_models import current_model


def test_assessment_saved_from_the_form_and_compared(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    db, w = district_window(qtbot, tmp_path, settings)
    try:
        _cohort, person, enrolment = camp_trainee(db)
        model = current_model(db, "camp")
        items = [n for n in model.nodes if n.level == "item"]
        save_assessment(db, DISTRICT, {"person_id": person, "model_id": model.id, "assessed_on": "2024-01-10",
                                       "assessor": "区组织部", "scores": {n.id: 1 for n in items}})
        page = w.pages[3]
        w.nav.setCurrentRow(3)
        page.refresh()
        page.select_id(enrolment)
        dialog = page.open_assessments()
        assert dialog.table.rowCount() == 1 and dialog.add_button.isEnabled()
        form = dialog.new_assessment()
        assert form.fields["assessor"].get() == settings.operator
        form.fields["assessed_on"].set("2024-06-01")
        for spin in form.spins.values():
            spin.setValue(spin.maximum() * 0.8)
        form.grab().save("/tmp/yq4_assessment_form.png")
        form.save()
        assert form.result_saved is not None, form.general_error.text()
        with db.session() as s:
            saved = s.scalar(select(Assessment).where(Assessment.id == form.result_saved.id))
            assert saved is not None and saved.person_id == person and saved.assessed_on.isoformat() == "2024-06-01"
            scores = s.scalar(select(func.count()).select_from(AssessmentScore)
                              .where(AssessmentScore.assessment_id == saved.id))
            assert scores == len(items)
        assert dialog.table.rowCount() == 2
        assert dialog.table.item(0, 0).text() == "2024-06-01" and "第" in dialog.table.item(0, 1).text()
        assert dialog.deltas.rowCount() == len(dialog.radar.axes) >= 3
        assert len(dialog.radar.series) == 2
        image = dialog.radar.grab()
        assert not image.isNull()
        dialog.grab().save("/tmp/yq4_assessment.png")
        dialog.close()
    finally:
        w.close()
        db.dispose()
