"""Chinese names of tables and columns, for screens that show records generically (the audit
viewer, the conflict comparison). Unknown names are shown as they are."""

from __future__ import annotations

from collections.abc import Mapping

from yanqun_desktop.domain.validation import PERSON_FIELD_LABELS

TABLE_LABELS: Mapping[str, str] = {
    "people": "人员", "person_photos": "照片", "person_talents": "人才类别", "person_aliases": "人员合并",
    "positions": "任职经历", "committee_terms": "两委换届", "committee_members": "两委成员",
    "cohorts": "期次", "enrolments": "学员名单", "reserve_entries": "人才储备库", "tutors": "师资",
    "tutor_recommendations": "师资推荐", "tutor_feedback": "师资评价", "mentor_links": "导师结对",
    "training_sessions": "课程活动", "session_cohorts": "活动期次", "session_tutors": "授课师资",
    "attendance": "考勤", "topics": "微改革课题", "topic_members": "课题成员", "topic_steps": "课题步骤",
    "topic_outcomes": "课题成果", "governance_cases": "治理案例", "case_people": "案例人员", "honours": "荣誉",
    "archive_entries": "成长记录", "assessments": "能力测评", "assessment_scores": "测评得分",
    "competency_models": "能力素质模型", "competency_nodes": "模型指标", "documents": "附件",
    "streets": "街道", "communities": "社区", "transfers": "人员调动", "sync_conflicts": "同步冲突",
    "trusted_keys": "信任的密钥", "sync_peers": "往来单位", "package_ledger": "收发记录",
}

FIELD_LABELS: Mapping[str, str] = {
    **PERSON_FIELD_LABELS, "street_id": "街道", "community_id": "社区", "status": "状态", "note": "备注",
    "title": "名称", "date": "日期", "owner": "所有方", "version": "版本", "updated_at": "修改时间",
    "updated_by": "修改人", "id": "编号", "estate": "小区", "grid": "网格", "building": "楼栋",
    "retired_on": "退出日期", "retired_reason": "退出原因", "photo_id": "照片", "deleted": "已删除",
    "person_id": "人员", "session_id": "课程活动", "cohort_id": "期次", "topic_id": "课题", "case_id": "案例",
    "tutor_id": "师资", "term_id": "换届", "role": "角色", "body": "组织", "kind": "类别", "year": "年度",
    "hours": "学时", "place": "地点", "start_date": "开始日期", "end_date": "结束日期", "level": "级别",
    "awarded_on": "获得日期", "summary": "简介", "outcome": "成果", "school": "类别", "organisation": "单位",
    "election_date": "换届日期", "enrolled_on": "入选日期", "left_on": "离开日期", "number": "期数",
}

# Values never shown in full on a generic screen (services decide who may see them elsewhere).
SENSITIVE = frozenset({"id_card", "phone"})


def table_label(name: str) -> str:
    return TABLE_LABELS.get(name, name)


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)
