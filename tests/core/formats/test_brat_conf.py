"""brat's own rules for annotation.conf hold for any schema: ASCII type names, distinct, all declared;
the project's names travel in visual.conf and come back on import."""

from __future__ import annotations

import re

from annotator.core.annotations import AnnotatedDocument, Argument, EntitySpan, Event, SpanKind
from annotator.core.formats import read_documents, write_documents
from annotator.core.formats.base import ReadOptions
from annotator.core.schema import EntityLabel, EventType, Role, Schema

BRAT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
SCHEMA = Schema(name="中文", labels=(EntityLabel("人名", "人名"), EntityLabel("机构/组织", "机构"),
                                      EntityLabel("机构_组织", "机构2"), EntityLabel("PER", "PER")),
                event_types=(EventType("会见", "会见", roles=(Role("参与者", labels=("人名",), cardinality="+"),
                                                               Role("地点"))),))


def chinese_doc() -> AnnotatedDocument:
    text = "李明会见了北京大学代表团。"
    spans = (EntitySpan(1, 0, 2, "人名"), EntitySpan(2, 5, 9, "机构/组织"), EntitySpan(3, 5, 7, "机构_组织"),
             EntitySpan(4, 2, 4, "会见", kind=SpanKind.TRIGGER), EntitySpan(5, 5, 7, "", kind=SpanKind.ARGUMENT))
    event = Event(1, "会见", 4, (Argument("参与者", 1), Argument("地点", 5)))
    return AnnotatedDocument(title=text, text=text, tokens=(), spans=spans, events=(event,), name="doc")


def sections(conf: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in conf.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out[current] = []
        elif line.strip() and not line.startswith("#"):
            out[current].append(line)
    return out


def test_annotation_conf_for_a_chinese_schema_keeps_brats_rules(tmp_path):
    write_documents([chinese_doc()], tmp_path / "b", "brat", schema=SCHEMA)
    conf = sections((tmp_path / "b" / "annotation.conf").read_text("utf-8"))
    entities = conf["entities"]
    assert all(BRAT_NAME.fullmatch(name) for name in entities), entities
    assert len(set(entities)) == len(entities) == 5          # four labels and Argument, all distinct
    declared = set(entities)
    for line in conf["events"]:
        etype, _, args = line.partition("\t")
        assert BRAT_NAME.fullmatch(etype)
        declared.add(etype)
        for arg in args.split(", "):
            role, _, types = arg.partition(":")
            assert BRAT_NAME.fullmatch(role.rstrip("?*+")), role
            assert set(types.split("|")) <= set(entities)
    assert any(line.startswith("<OVERLAP>") for line in conf["relations"])   # nested spans allowed
    ann = (tmp_path / "b" / "doc.ann").read_text("utf-8")
    for line in ann.splitlines():
        fields = line.split("\t")[1].split()
        used = fields[0].split(":")[0] if line.startswith("E") else fields[0]
        assert used in declared and used.isascii()
        for part in fields[1:] if line.startswith("E") else ():
            assert BRAT_NAME.fullmatch(part.split(":")[0])


def test_the_project_names_come_back_through_visual_conf(tmp_path):
    doc = chinese_doc()
    write_documents([doc], tmp_path / "b", "brat", schema=SCHEMA)
    for options in (ReadOptions(), ReadOptions(schema=SCHEMA)):
        (back,) = read_documents(tmp_path / "b", "brat", options)
        assert sorted((s.start, s.end, s.label) for s in back.spans if s.kind == SpanKind.ENTITY) == \
            sorted((s.start, s.end, s.label) for s in doc.spans if s.kind == SpanKind.ENTITY)
        (event,) = back.events
        assert event.type == "会见" and sorted(a.role for a in event.arguments) == ["参与者", "地点"]
