"""The parts of one growth archive: the cover and the numbered sections (一、基本信息 ...)."""

from __future__ import annotations

import datetime as dt
import io
import logging

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from yanqun_desktop.reports.archive_data import ArchiveData
from yanqun_desktop.reports.pdf_parts import GRID_COLOUR, HEAD_FILL, Typesetter
from yanqun_desktop.services.assessments import AssessmentView

log = logging.getLogger(__name__)

PHOTO_W, PHOTO_H = 25 * mm, 35 * mm  # 1 inch (一寸) photo
NUMERALS = "一二三四五六七八九十"
NONE = "（暂无记录）"


def _d(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# -- cover ---------------------------------------------------------------------------------------
def photo_box(ts: Typesetter, photo: bytes | None) -> Table:
    """The stored photo scaled into a 1-inch box, or an empty box that says 照片."""
    content: Flowable | str = ts.p("照片", "cell_center")
    if photo:
        try:
            from reportlab.lib.utils import ImageReader

            iw, ih = ImageReader(io.BytesIO(photo)).getSize()
            scale = min(PHOTO_W / iw, PHOTO_H / ih)
            content = Image(io.BytesIO(photo), width=iw * scale, height=ih * scale)
        except Exception:  # a damaged photo must not stop the printout: print the empty box
            log.warning("photo could not be read; printing an empty photo box")
    t = Table([[content]], colWidths=[PHOTO_W], rowHeights=[PHOTO_H])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ts.fonts.body),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return t


def cover(ts: Typesetter, data: ArchiveData, width: float, printed_on: dt.date) -> list[Flowable]:
    t = data.timeline
    del printed_on  # the footer carries the print date
    cohorts = "、".join(c.name for c in data.cohorts) or "—"
    lines = [("姓　　名", t.name), ("所属街道", data.street), ("所属社区", t.community or "—"),
             ("培养期次", cohorts)]
    rows = [[ts.p(label + "：", "cover_line"), ts.p(value, "cover_line")] for label, value in lines]
    info = Table(rows, colWidths=[36 * mm, 84 * mm], hAlign="CENTER")
    info.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ts.fonts.body),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    photo = photo_box(ts, data.photo)
    photo.hAlign = "CENTER"
    return [
        Spacer(1, 12 * mm),
        ts.p("社区党委书记人才培养", "title"),
        ts.p("成长档案", "cover_title"),
        Spacer(1, 10 * mm),
        photo,
        Spacer(1, 14 * mm),
        info,
    ]


# -- sections ------------------------------------------------------------------------------------
def sections(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    parts = [
        ("基本信息", _basic(ts, data, width)),
        ("任职经历", _positions(ts, data, width)),
        ("培训记录", _training(ts, data, width)),
        ("课题与角色", _topics(ts, data, width)),
        ("能力测评", _assessments(ts, data, width)),
        ("荣誉", _honours(ts, data, width)),
        ("导师", _mentors(ts, data)),
        ("结果运用", _outcomes(ts, data)),
        ("成长记录", _timeline(ts, data, width)),
    ]
    story: list[Flowable] = [ts.p(f"{data.name} 成长档案", "title")]
    for i, (title, body) in enumerate(parts):
        story.append(ts.p(f"{NUMERALS[i]}、{title}", "h1"))
        story += body
    return story


def _none(ts: Typesetter) -> list[Flowable]:
    return [ts.p(NONE, "note")]


def _basic(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    t = data.timeline
    titles = "、".join(t.current_titles) or "—"
    pairs = [("姓名", t.name, "性别", t.gender), ("出生日期", _d(t.birth_date), "民族", data.ethnicity),
             ("政治面貌", t.political_status, "学历", t.education),
             ("所属街道", data.street, "所属社区", t.community)]
    rows: list[list[str]] = [[a, b or "—", c, d or "—"] for a, b, c, d in pairs]
    rows.append(["现任职务", titles, "", ""])
    label_w = 0.17 * width
    table = ts.table(rows, [label_w, 0.5 * width - label_w, label_w, 0.5 * width - label_w], header=False,
                     styles=["cell_head", "cell", "cell_head", "cell"],
                     extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_FILL), ("BACKGROUND", (2, 0), (2, -2), HEAD_FILL),
                            ("SPAN", (1, -1), (3, -1))])
    return [table]


def _positions(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    if not data.positions:
        return _none(ts)
    rows = [["职务", "任职单位", "起止时间"]]
    for p in data.positions:
        span = f"{p.start_date or '—'} 至 {p.end_date or '今'}"
        rows.append([p.title, p.organisation or "—", span])
    return [ts.table(rows, [0.3 * width, 0.4 * width, 0.3 * width], styles=["cell", "cell", "cell_center"])]


def _training(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    r, summary = data.rate, data.timeline.summary
    rate = f"{r.rate * 100:.1f}%" if r.rate is not None else "—"
    text = (f"共记录考勤 {r.recorded} 次：出席 {r.present} 次、迟到 {r.late} 次、请假 {r.leave} 次、"
            f"缺席 {r.absent} 次；"
            f"参加活动 {summary.sessions_attended} 次，累计 {summary.hours:g} 学时，出勤率 {rate}。")
    out: list[Flowable] = [ts.p(text, "body")]
    if data.sessions:
        rows = [["日期", "课程 / 活动", "类型", "学时", "出勤"]]
        rows += [[s.date.isoformat(), s.title, s.kind, f"{s.hours:g}", s.status] for s in data.sessions]
        out += [Spacer(1, 2 * mm), ts.table(rows, [0.16 * width, 0.48 * width, 0.14 * width, 0.1 * width,
                                                   0.12 * width],
                                            styles=["cell_center", "cell", "cell_center", "cell_center",
                                                    "cell_center"])]
    return out


def _topics(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    if not data.topics:
        return _none(ts)
    rows = [["年度", "微改革课题", "角色"]] + [[str(t.year), t.title, t.role] for t in data.topics]
    return [ts.table(rows, [0.14 * width, 0.64 * width, 0.22 * width], styles=["cell_center", "cell", "cell_center"])]


def _assessments(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    if not data.assessments:
        return _none(ts)
    out: list[Flowable] = []
    for a in data.assessments:
        frac = f"{a.total_fraction * 100:.0f}%" if a.total_fraction is not None else "—"
        out.append(ts.p(f"{a.assessed_on.isoformat()}　{a.model_label}　测评人：{a.assessor}　总分 {a.total:g} / "
                        f"{a.total_max:g}（{frac}）", "h2"))
        rows = [["能力模块", "得分", "满分", "得分率"]]
        rows += [[g.name, f"{g.score:g}", f"{g.max_score:g}",
                  f"{g.fraction * 100:.0f}%" if g.fraction is not None else "—"] for g in a.modules]
        out.append(ts.table(rows, [0.52 * width, 0.16 * width, 0.16 * width, 0.16 * width],
                            styles=["cell", "cell_center", "cell_center", "cell_center"]))
        if a.note:
            out.append(ts.p(f"评语：{a.note}", "body"))
    latest: dict[str, AssessmentView] = {a.model_kind: a for a in data.assessments}
    first: dict[str, AssessmentView] = {}
    for a in data.assessments:
        first.setdefault(a.model_kind, a)
    for kind, last in latest.items():
        before = first[kind] if first[kind].id != last.id else None
        if last.modules:
            out += [Spacer(1, 2 * mm), ScoreChart(ts, last, before, width)]
    return out


class ScoreChart(Flowable):
    """Horizontal bars of each module's share of its maximum: the latest assessment (dark) and,
    where there is one, the first (light) — the growth at a glance. Drawn straight on the canvas
    (not reportlab.graphics) so the labels get the same fonts and fallback as the text."""

    DARK, LIGHT, TRACK = colors.HexColor("#7a1f1f"), colors.HexColor("#d9a6a6"), colors.HexColor("#f2f2f2")

    def __init__(self, ts: Typesetter, last: AssessmentView, before: AssessmentView | None, width: float) -> None:
        super().__init__()
        self.ts, self.last, self.before, self.width = ts, last, before, width
        self.row_h = 16 if before is None else 22
        self.height = len(last.modules) * self.row_h + 20

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, fonts, missing = self.canv, self.ts.fonts, self.ts.missing
        label_w, bar_w, row_h = 0.3 * self.width, 0.55 * self.width, self.row_h
        earlier = {g.code: g.fraction for g in self.before.modules} if self.before else {}
        top = self.height - 20
        c.saveState()
        for i, g in enumerate(self.last.modules):
            y = top - (i + 1) * row_h
            fonts.draw_string(c, label_w - 6, y + row_h / 2 - 3, _fit(g.name, 14), 9, align="right", missing=missing)
            c.setFillColor(self.TRACK)
            c.rect(label_w, y + 3, bar_w, row_h - 6, stroke=0, fill=1)
            frac = g.fraction or 0.0
            if self.before is None:
                c.setFillColor(self.DARK)
                c.rect(label_w, y + 3, bar_w * frac, row_h - 6, stroke=0, fill=1)
            else:
                h = row_h / 2 - 3
                c.setFillColor(self.DARK)
                c.rect(label_w, y + row_h / 2, bar_w * frac, h, stroke=0, fill=1)
                c.setFillColor(self.LIGHT)
                c.rect(label_w, y + 3, bar_w * (earlier.get(g.code) or 0.0), h, stroke=0, fill=1)
            c.setFillColor(colors.black)
            fonts.draw_string(c, label_w + bar_w + 4, y + row_h / 2 - 3, f"{frac * 100:.0f}%", 9)
        c.setStrokeColor(GRID_COLOUR)
        c.setLineWidth(0.5)
        c.line(label_w, 0, label_w, top)
        self._legend(label_w, self.DARK, self.last.assessed_on.isoformat())
        if self.before is not None:
            self._legend(label_w + 80, self.LIGHT, self.before.assessed_on.isoformat())
        c.setFillColor(colors.black)
        fonts.draw_string(c, label_w + bar_w, self.height - 10, "得分率", 8, align="right")
        c.restoreState()

    def _legend(self, x: float, colour: colors.Color, text: str) -> None:
        self.canv.setFillColor(colour)
        self.canv.rect(x, self.height - 10, 7, 7, stroke=0, fill=1)
        self.canv.setFillColor(colors.black)
        self.ts.fonts.draw_string(self.canv, x + 10, self.height - 10, text, 8)


def _fit(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _honours(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    if not data.honours:
        return _none(ts)
    rows = [["日期", "荣誉", "级别", "授予单位"]]
    rows += [[_d(h.awarded_on) or "—", h.title, h.level_label, h.awarded_by or "—"] for h in data.honours]
    return [ts.table(rows, [0.16 * width, 0.44 * width, 0.12 * width, 0.28 * width],
                     styles=["cell_center", "cell", "cell_center", "cell"])]


def _mentors(ts: Typesetter, data: ArchiveData) -> list[Flowable]:
    out: list[Flowable] = []
    if data.mentors:
        out.append(ts.p("导师：" + "；".join(data.mentors), "body"))
    if data.apprentices:
        out.append(ts.p("带教学员：" + "；".join(data.apprentices), "body"))
    return out or _none(ts)


def _outcomes(ts: Typesetter, data: ArchiveData) -> list[Flowable]:
    if not data.outcomes:
        return _none(ts)
    return [ts.p(f"{i}. {line}", "body") for i, line in enumerate(data.outcomes, 1)]


def _timeline(ts: Typesetter, data: ArchiveData, width: float) -> list[Flowable]:
    # Sessions attended are listed under 培训记录 already; the rest of the journey is here.
    entries = [e for e in data.timeline.entries if e.source != "attendance"]
    if not entries:
        return _none(ts)
    rows = [["日期", "类型", "内容"]] + [[e.date.isoformat(), e.kind_label, e.content] for e in entries]
    return [ts.table(rows, [0.16 * width, 0.14 * width, 0.70 * width], styles=["cell_center", "cell_center", "cell"])]
