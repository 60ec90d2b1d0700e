"""The statistics report's sections after 主要数据: 人员结构, 培训, 微改革课题, 两委班子, 荣誉与案例.

Tables above their title (表题在上), charts with a numbered caption below (图题在下), as in
official statistical reports. A section or table with nothing to show prints 暂无数据."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from yanqun_desktop.domain.figures import format_change, trim_number
from yanqun_desktop.reports.pdf_parts import Typesetter
from yanqun_desktop.reports.stats_charts import ChartText, breakdown_chart, counts_chart, monthly_rate_chart
from yanqun_desktop.services.statistics import Breakdown, Count, Rate, Statistics

EMPTY = "暂无数据"
TOTAL = "合计"
STREET_COLUMN = 20 * mm
TOPIC_PREFIX = "进行中："  # the stage labels say 进行中：文献查阅; the table's title says it once


WIDE = 9  # columns from which a table's cells are padded less


def head_label(label: str) -> str:
    """A column heading broken where a reader would break it (博士 / 研究生, 储备库· / 储备中,
    30岁 / 及以下, 考勤记录 / （人次）) rather than wherever the column runs out (博士研究 / 生)."""
    if len(label) <= 4 or "\n" in label:
        return label
    if "·" in label:
        head, _, tail = label.partition("·")
        return f"{head}·\n{tail}"
    if "（" in label[1:]:
        i = label.index("（", 1)
        return f"{label[:i]}\n{label[i:]}"
    for ending in ("研究生", "及以下", "以上"):
        if label.endswith(ending):
            return f"{label[:-len(ending)]}\n{ending}"
    for start in ("工作室", "青训营", "现任"):
        if label.startswith(start):
            return f"{start}\n{label[len(start):]}"
    return label


def rate_text(rate: Rate) -> str:
    return "—" if rate.rate is None else f"{rate.rate * 100:.1f}%"


def hours_text(hours: float) -> str:
    return trim_number(hours)


def counts_text(counts: Sequence[Count], unit: str) -> str:
    return "，".join(f"{c.label} {c.value} {unit}" for c in counts)


@dataclass
class Sections:
    ts: Typesetter
    text: ChartText
    stats: Statistics
    width: float
    figure_no: int = 0
    story_: list[Flowable] = field(default_factory=list)

    def story(self) -> list[Flowable]:
        self.people()
        self.training()
        self.topics()
        self.committees()
        self.honours()
        return self.story_

    # -- building blocks --------------------------------------------------------------------------
    def add(self, *flowables: Flowable) -> None:
        self.story_.extend(flowables)

    def h1(self, title: str) -> None:
        self.add(self.ts.p(title, "h1"))

    def h2(self, title: str) -> None:
        self.add(self.ts.p(title, "h2"))

    def empty(self, what: str = "") -> None:
        self.add(self.ts.p(f"{what}{EMPTY}", "empty"))

    def note(self, text: str) -> None:
        self.add(self.ts.p(text, "remark"))

    def lead(self, text: str) -> None:
        """The sentence under a section title, kept on the page of what follows it."""
        self.add(self.ts.p(text, "lead"))

    def chart(self, drawing: Drawing | None, caption: str) -> None:
        """The chart with its numbered caption, kept on one page; 暂无数据 when there is none."""
        if drawing is None:
            self.empty(f"{caption}：")
            return
        self.figure_no += 1
        drawing.hAlign = "CENTER"
        self.add(KeepTogether([Spacer(1, 2 * mm), drawing, self.ts.p(f"图{self.figure_no}　{caption}", "caption")]))

    def table(self, title: str, rows: list[list[str]], widths: list[float], *, total: bool = False) -> None:
        """A titled table (the title kept with its first rows); a 合计 row in bold."""
        extra: list[tuple[object, ...]] = []
        if total:
            extra.append(("FONTNAME", (0, -1), (-1, -1), self.ts.fonts.title))
        if len(widths) >= WIDE:  # 4 characters fit a 15 mm column only with narrower padding
            extra += [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
        styles = ["cell"] + ["cell_center"] * (len(widths) - 1)
        rows = [[head_label(c) for c in rows[0]], *rows[1:]]
        t = self.ts.table(rows, widths, styles=styles, extra=extra)
        self.add(self.ts.p(title, "h2"), t)

    def breakdown_table(self, title: str, b: Breakdown, *, with_total: bool = True,
                        labels: dict[str, str] | None = None) -> None:
        labels = labels or {}
        head = ["街道", *(labels.get(c.key, c.label) for c in b.categories), *([TOTAL] if with_total else [])]
        rows = [head] + [[r.street_name, *map(str, r.counts), *([str(r.total)] if with_total else [])]
                         for r in b.rows]
        several = len(b.rows) > 1
        if several:
            rows.append([TOTAL, *map(str, b.totals), *([str(sum(b.totals))] if with_total else [])])
        self.table(title, rows, self.widths(len(head) - 1), total=several)

    def widths(self, columns: int, first: float = STREET_COLUMN) -> list[float]:
        return [first] + [(self.width - first) / columns] * columns

    # -- sections ---------------------------------------------------------------------------------
    def people(self) -> None:
        p = self.stats.people
        self.h1("二、人员结构")
        if p.people == 0:
            self.empty("在册人员：")
            return
        avg = "—" if p.average_age is None else f"{p.average_age:.1f} 岁"
        self.lead(f"在册人员 {p.people} 人，平均年龄 {avg}。")
        self.breakdown_table(f"表1　人员类别（{self._by('按街道；')}一人可属多类）", p.roles, with_total=False)
        self.breakdown_table(f"表2　年龄结构（周岁{self._by('，按街道')}）", p.age_bands)
        self.chart(breakdown_chart(p.age_bands, self.text, self.width), "人员年龄结构" + self._by_street())
        self.breakdown_table(f"表3　学历结构{self._by('（按街道）')}", p.education)
        self.chart(breakdown_chart(p.education, self.text, self.width), "人员学历结构" + self._by_street())
        if any(p.talents.totals):
            self.note("四类社区人才：" + counts_text(p.talents.as_counts(), "人") + "。")
        if p.tutors:
            self.note(("师资库" if self.stats.is_district else "授课师资") + "：" + counts_text(p.tutors, "人") + "。")

    def _by_street(self) -> str:
        return self._by("（按街道）")

    def _by(self, words: str) -> str:
        """``words`` (e.g. 按街道) in a district report; a street's report has one row a table."""
        return words if self.stats.is_district else ""

    def training(self) -> None:
        t = self.stats.training
        self.h1("三、培训")
        if t.sessions == 0 and not t.cohorts:
            self.empty("课程活动与期次：")
        else:
            self.lead(f"期次 {len(t.cohorts)} 个，课程活动 {t.sessions} 场、{hours_text(t.hours)} 学时，"
                      f"考勤记录 {t.attendance.recorded} 人次，出勤率 {rate_text(t.attendance)}。")
            head = ["街道", "课程活动（场）", "学时", "考勤记录（人次）", "出勤（人次）", "请假", "缺席", "出勤率"]
            rows = [head] + [[s.street_name, str(s.sessions), hours_text(s.hours), *self._rate_cells(s.attendance)]
                             for s in t.by_street]
            several = len(t.by_street) > 1
            if several:
                rows.append([TOTAL, str(t.sessions), hours_text(t.hours), *self._rate_cells(t.attendance)])
            self.table(f"表4　课程活动与出勤{self._by('（按街道；区级为青训营）')}", rows, self.widths(7),
                       total=several)
            self.chart(monthly_rate_chart(t.by_month, self.text, self.width), "各月出勤率（出席与迟到计为出勤）")
            self._month_note()
            self._cohorts()
        self.chart(counts_chart(t.camp_stages, self.text, self.width * 0.7),
                   "青训营培养阶段：种子遴选 → 育苗特训 → 成材使用（在营学员）")
        if any(c.value for c in t.camp_tiers):
            self.note("青训营学员层级：" + counts_text(t.camp_tiers, "人") + "。")

    @staticmethod
    def _rate_cells(rate: Rate) -> list[str]:
        return [str(rate.recorded), str(rate.attended), str(rate.leave), str(rate.absent), rate_text(rate)]

    def _month_note(self) -> None:
        months = [m for m in self.stats.training.by_month if m.attendance.rate is not None]
        if len(months) < 2:
            return
        hi = max(months, key=lambda m: m.attendance.rate or 0)
        lo = min(months, key=lambda m: m.attendance.rate or 0)
        self.note(f"有考勤记录的月份 {len(months)} 个（{months[0].label} 至 {months[-1].label}）；"
                  f"出勤率最高 {hi.label}（{rate_text(hi.attendance)}），"
                  f"最低 {lo.label}（{rate_text(lo.attendance)}）。")

    def _cohorts(self) -> None:
        cohorts = self.stats.training.cohorts
        if not cohorts:
            return
        head = ["期次", "类别", "学员", "中途退出", "课程活动（场）", "学时", "出勤率"]
        rows = [head] + [[c.name, c.kind_label, str(c.trainees), str(c.left), str(c.sessions), hours_text(c.hours),
                          rate_text(c.attendance)] for c in cohorts]
        first = self.width * 0.34
        self.table("表5　期次（学员为截至统计日期的报名学员）", rows, self.widths(6, first))

    def topics(self) -> None:
        tp = self.stats.topics
        self.h1("四、微改革课题")
        if tp.total == 0:
            self.empty("微改革课题：")
            return
        self.lead(f"微改革课题 {tp.total} 个，其中已完成六步工作法、形成报告的 {tp.reports} 个。")
        labels = {c.key: c.label.removeprefix(TOPIC_PREFIX) for c in tp.by_stage.categories}
        self.breakdown_table(f"表6　课题进度（六步工作法：进行中的步骤与已完成{self._by('，按街道')}）", tp.by_stage,
                             labels=labels)
        self.chart(breakdown_chart(tp.by_stage, self.text, self.width, labels=labels, unit="个"),
                   "微改革课题所处步骤" + self._by_street())
        parts = []
        if tp.by_year:
            parts.append("按年度：" + counts_text(tp.by_year, "个"))
        if tp.by_origin:
            parts.append("按来源：" + counts_text(tp.by_origin, "个"))
        if parts:
            self.note("；".join(parts) + "。")

    def committees(self) -> None:
        c = self.stats.committees
        self.h1("五、两委班子")
        if not c.profiles:
            self.empty("社区“两委”换届记录：")
        else:
            cur, prev = c.current, c.previous
            if cur is not None and prev is not None:
                self.lead(self._committee_sentence())
            head = ["换届", "社区数", "成员人数", "平均年龄（岁）", "较上届", "本科以上（人）", "本科以上占比",
                    "较上届"]
            rows: list[list[str]] = [head]
            for i, p in enumerate(c.profiles):
                before = c.profiles[i - 1] if i else None
                age_change = (p.average_age - before.average_age if before and p.average_age is not None
                              and before.average_age is not None else None)
                share_change = (p.bachelor_share - before.bachelor_share if before and p.bachelor_share is not None
                                and before.bachelor_share is not None else None)
                rows.append([p.label, str(p.terms), str(p.members),
                             "—" if p.average_age is None else f"{p.average_age:.1f}",
                             format_change(age_change, "岁") if before else "—",
                             str(p.bachelor), rate_text_share(p.bachelor_share),
                             format_change(share_change, "pp") if before else "—"])
            widths = [w * mm for w in (22, 16, 18, 22, 22, 20, 22, 28)]  # 170 mm; +22.9 个百分点 on one line
            self.table("表7　社区“两委”班子结构（换届时成员的周岁年龄与学历）", rows, widths)
            self.note("平均年龄按换届选举日的周岁计算；本科以上学历占比的分母为记有学历的成员。")
        elected = [y for y in self.stats.elected.by_year if y.secretaries or y.committee_members or y.new_positions]
        if elected:
            head = ["年度", "新当选社区党委书记的学员", "当选两委的学员", "任新职务的学员"]
            rows = [head] + [[f"{y.year}年", str(y.secretaries), str(y.committee_members), str(y.new_positions)]
                             for y in elected]
            self.table("表8　学员当选与任职（按年度，人）", rows, self.widths(3, 24 * mm))

    def _committee_sentence(self) -> str:
        c = self.stats.committees
        cur = c.current
        assert cur is not None
        parts = [f"{cur.label}后，{cur.terms} 个社区“两委”成员 {cur.members} 人"]
        if cur.average_age is not None:
            parts.append(f"平均年龄 {cur.average_age:.1f} 岁" + (
                f"（较上届 {format_change(c.age_change, '岁')}）" if c.age_change is not None else ""))
        if cur.bachelor_share is not None:
            parts.append(f"本科以上学历占比 {cur.bachelor_share * 100:.1f}%" + (
                f"（较上届 {format_change(c.share_change, 'pp')}）" if c.share_change is not None else ""))
        return "，".join(parts) + "。"

    def honours(self) -> None:
        h = self.stats.honours
        self.h1("六、荣誉与案例")
        if h.honours == 0 and h.cases == 0:
            self.empty("荣誉与治理案例：")
            return
        self.lead(f"获得荣誉 {h.honours} 项，治理案例 {h.cases} 个。")
        b = h.by_level
        cases = {c.label: c.value for c in h.cases_by_street}
        head = ["街道", *(c.label for c in b.categories), "荣誉合计", "治理案例"]
        rows = [head] + [[r.street_name or "区级", *map(str, r.counts), str(r.total),
                          str(cases.get(r.street_name, 0))] for r in b.rows]
        several = len(b.rows) > 1
        if several:
            rows.append([TOTAL, *map(str, b.totals), str(sum(b.totals)), str(h.cases)])
        self.table(f"表9　荣誉（按级别）与治理案例{self._by('（按街道）')}", rows, self.widths(len(head) - 1),
                   total=several)
        self.chart(breakdown_chart(b, self.text, self.width, unit="项"), "荣誉级别" + self._by_street())
        if h.cases_by_year:
            self.note("治理案例按年度：" + counts_text(h.cases_by_year, "个") + "。")


def rate_text_share(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"

