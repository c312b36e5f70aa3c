"""The plan: planning.models.plan (the plan and its structure), .items (its tree and the
sections beside it), .cycle (the fall review and spring recommendations) and .records
(changes, versions, documents)."""

from planning.models.cycle import Assessment, Packet, Recommendation, Review
from planning.models.items import (
    ITEM_MODELS,
    PARENT_FIELDS,
    ActionStep,
    Goal,
    Guardrail,
    Item,
    Objective,
    Pillar,
    Section,
    Strategy,
    Work,
)
from planning.models.plan import (
    DEFAULT_LEVELS,
    TREE_SLOTS,
    CoreValue,
    GraduateAttribute,
    Level,
    Numbering,
    NumberStyle,
    Plan,
    PlanQuerySet,
    Slot,
    VisionArea,
    plural,
)
from planning.models.progress import ProgressUpdate, ReminderSent, UpdateWindow
from planning.models.records import Change, Document, PlanVersion

__all__ = [
    "DEFAULT_LEVELS",
    "ITEM_MODELS",
    "PARENT_FIELDS",
    "TREE_SLOTS",
    "ActionStep",
    "Assessment",
    "Change",
    "CoreValue",
    "Document",
    "Goal",
    "GraduateAttribute",
    "Guardrail",
    "Item",
    "Level",
    "NumberStyle",
    "Numbering",
    "Objective",
    "Packet",
    "Pillar",
    "Plan",
    "PlanQuerySet",
    "PlanVersion",
    "ProgressUpdate",
    "Recommendation",
    "ReminderSent",
    "Review",
    "Section",
    "Slot",
    "Strategy",
    "UpdateWindow",
    "VisionArea",
    "Work",
    "plural",
]
