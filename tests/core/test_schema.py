"""Schemas: the shipped TOML files, cardinalities, checks, the TOML writer and the orphan check."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import (
    DEFAULT_SCHEMA,
    EntityLabel,
    EventType,
    Role,
    Schema,
    available_schemas,
    cardinality_bounds,
    diff,
    load_schema,
    orphans,
)
from tests.conftest import FIXTURES, SHARED_DATA

# The ACE 2005 English Events guidelines' arguments per subtype (Time-* collapsed into Time).
ACE_ROLES = {
    "Life:Be-Born": "Person Time Place",
    "Life:Marry": "Person Time Place",
    "Life:Divorce": "Person Time Place",
    "Life:Injure": "Agent Victim Instrument Time Place",
    "Life:Die": "Agent Victim Instrument Time Place",
    "Movement:Transport": "Agent Artifact Vehicle Price Origin Destination Time",
    "Transaction:Transfer-Ownership": "Buyer Seller Beneficiary Artifact Price Time Place",
    "Transaction:Transfer-Money": "Giver Recipient Beneficiary Money Time Place",
    "Business:Start-Org": "Agent Org Time Place",
    "Business:Merge-Org": "Org Time Place",
    "Business:Declare-Bankruptcy": "Org Time Place",
    "Business:End-Org": "Org Time Place",
    "Conflict:Attack": "Attacker Target Instrument Time Place",
    "Conflict:Demonstrate": "Entity Time Place",
    "Contact:Meet": "Entity Time Place",
    "Contact:Phone-Write": "Entity Time",
    "Personnel:Start-Position": "Person Entity Position Time Place",
    "Personnel:End-Position": "Person Entity Position Time Place",
    "Personnel:Nominate": "Person Agent Position Time Place",
    "Personnel:Elect": "Person Entity Position Time Place",
    "Justice:Arrest-Jail": "Person Agent Crime Time Place",
    "Justice:Release-Parole": "Person Entity Crime Time Place",
    "Justice:Trial-Hearing": "Defendant Prosecutor Adjudicator Crime Time Place",
    "Justice:Charge-Indict": "Defendant Prosecutor Adjudicator Crime Time Place",
    "Justice:Sue": "Plaintiff Defendant Adjudicator Crime Time Place",
    "Justice:Convict": "Defendant Adjudicator Crime Time Place",
    "Justice:Sentence": "Defendant Adjudicator Crime Sentence Time Place",
    "Justice:Fine": "Entity Adjudicator Money Crime Time Place",
    "Justice:Execute": "Person Agent Crime Time Place",
    "Justice:Extradite": "Agent Person Destination Origin Crime Time",
    "Justice:Acquit": "Defendant Adjudicator Crime Time Place",
    "Justice:Appeal": "Defendant Prosecutor Adjudicator Crime Time Place",
    "Justice:Pardon": "Defendant Adjudicator Crime Time Place",
}

CEC_TYPES = {"emergency", "action", "movement", "operation", "perception", "stateChange", "statement"}
CEC_ROLES = {"Participant", "Object", "Location", "Time", "Means"}


@pytest.fixture(scope="module")
def ace() -> Schema:
    return load_schema("ace2005-zh")


@pytest.fixture(scope="module")
def cec() -> Schema:
    return load_schema("cec")


@pytest.mark.parametrize("name", ["news-zh", "ace2005-zh", "cec"])
def test_every_shipped_schema_loads_and_passes_its_checks(name: str) -> None:
    assert name in available_schemas()
    schema = load_schema(name)
    assert schema.name == name
    schema.check()
    assert schema.label_keys[:5] == ("PER", "ORG", "LOC", "TIME", "MISC")


def test_ace2005_zh_is_the_default_and_news_zh_stays_available() -> None:
    assert DEFAULT_SCHEMA == "ace2005-zh"
    assert load_schema().name == "ace2005-zh"
    news = load_schema("news-zh")
    assert news.event_types == () and len(news.labels) == 5


def test_ace_has_the_33_subtypes_with_their_guideline_roles(ace: Schema) -> None:
    assert len(ace.event_types) == 33
    assert {e.key for e in ace.event_types} == set(ACE_ROLES)
    for key, roles in ACE_ROLES.items():
        assert ace.event_type(key).role_names == tuple(roles.split()), key


def test_ace_roles_named_in_the_design_precisely(ace: Schema) -> None:
    meet = ace.event_type("Contact:Meet")
    assert (meet.name, meet.name_zh) == ("Meet", "会见")
    assert meet.role_names == ("Entity", "Time", "Place")
    assert meet.role("Entity").labels == ("PER", "ORG", "LOC", "GPE") and meet.role("Entity").cardinality == "+"
    assert meet.role("Place").labels == ("LOC", "GPE", "FAC") and meet.role("Time").labels == ("TIME",)
    extradite = ace.event_type("Justice:Extradite")
    assert extradite.name_zh == "引渡" and "引渡" in extradite.triggers
    assert {"Agent", "Person", "Destination", "Origin", "Time"} <= set(extradite.role_names)
    assert extradite.role("Person").labels == ("PER",)
    assert ace.event_type("Justice:Arrest-Jail").name_zh == "逮捕"
    assert ace.event_type("Business:Start-Org").name_zh == "成立"
    assert ace.event_type("Business:Start-Org").role("Org").labels == ("ORG",)
    assert ace.event_type("Justice:Sentence").role("Sentence").labels == ("SENTENCE",)
    assert ace.event_type("Justice:Fine").role("Money").labels == ("MONEY",)
    assert ace.event_type("Personnel:Elect").role("Position").labels == ("POSITION",)
    assert ace.event_type("Justice:Charge-Indict").role("Crime").labels == ("CRIME",)
    assert ace.event_type("Conflict:Attack").role("Instrument").labels == ("WEA", "VEH")


def test_ace_event_types_are_complete_for_the_window(ace: Schema) -> None:
    for ev in ace.event_types:
        category, subtype = ev.key.split(":")
        assert ev.name == subtype and ev.name_zh, ev.key
        assert len(ev.triggers) >= 2 and len(set(ev.triggers)) == len(ev.triggers), ev.key
        assert all(r.name_zh for r in ev.roles), ev.key
        assert all(r.labels for r in ev.roles), ev.key  # ACE roles say which entities fill them
        assert any(r.required for r in ev.roles) == (ev.key not in {
            "Transaction:Transfer-Ownership", "Transaction:Transfer-Money", "Conflict:Attack",
            "Conflict:Demonstrate", "Justice:Sue", "Justice:Appeal"}), ev.key
    # Events of one category share a colour; the eight categories differ.
    colours = {ev.key.split(":")[0]: ev.color for ev in ace.event_types}
    assert len(set(colours.values())) == 8
    assert all(ev.color == colours[ev.key.split(":")[0]] for ev in ace.event_types)


def test_ace_entity_labels_extend_the_news_ones(ace: Schema) -> None:
    news = load_schema("news-zh")
    assert ace.labels[:5] == news.labels
    assert ace.prelabel == news.prelabel
    extra = {lab.key: lab for lab in ace.labels[5:]}
    assert set(extra) == {"CRIME", "POSITION", "MONEY", "SENTENCE", "VEH", "WEA", "GPE", "FAC"}
    assert (extra["CRIME"].name_zh, extra["POSITION"].name_zh) == ("罪名", "职位")
    hotkeys = [lab.hotkey for lab in ace.labels if lab.hotkey]
    assert hotkeys == [*(str(i) for i in range(1, 10)), "V", "W", "G", "F"]  # every label has a key
    used = {lab for ev in ace.event_types for r in ev.roles for lab in r.labels}
    assert used == set(ace.label_keys) - {"MISC"}  # every added label is needed by some role


def test_cec_has_seven_trigger_types_and_five_open_roles(cec: Schema) -> None:
    assert set(cec.event_type_keys) == CEC_TYPES
    assert cec.labels == load_schema("news-zh").labels
    names = {e.key: e.name_zh for e in cec.event_types}
    assert names["emergency"] == "突发事件" and names["stateChange"] == "状态改变" and names["statement"] == "言论"
    for ev in cec.event_types:
        assert set(ev.role_names) == CEC_ROLES
        assert all(r.labels == () and r.cardinality == "*" and r.allows("PER") for r in ev.roles)


def _cec_usage(path) -> tuple[set[str], set[str], int]:
    types, roles, without_trigger = set(), set(), 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            for ev in json.loads(line)["events"]:
                types.add(ev["type"])
                roles |= {a["role"] for a in ev["arguments"]}
                without_trigger += not ev.get("trigger")
    return types, roles, without_trigger


def test_cec_covers_every_type_and_role_of_the_fixture(cec: Schema) -> None:
    types, roles, _ = _cec_usage(FIXTURES / "cec5.jsonl")
    assert types == CEC_TYPES
    for ev in cec.event_types:
        assert roles <= set(ev.role_names)


@pytest.mark.skipif(not (SHARED_DATA / "cec" / "events_dev.jsonl").exists(), reason="shared data absent")
def test_cec_covers_every_type_and_role_of_the_shared_dev_file(cec: Schema) -> None:
    types, roles, without_trigger = _cec_usage(SHARED_DATA / "cec" / "events_dev.jsonl")
    assert types <= set(cec.event_type_keys) and roles == CEC_ROLES
    assert without_trigger == 1  # kept on import, flagged by events.validate


@pytest.mark.parametrize(("card", "bounds"), [
    ("?", (0, 1)), ("1", (1, 1)), ("*", (0, None)), ("+", (1, None)),
    ("{2}", (2, 2)), ("{1-3}", (1, 3)), ("{0-2}", (0, 2)), ("{2-}", (2, None))])
def test_cardinality_bounds(card: str, bounds: tuple[int, int | None]) -> None:
    assert cardinality_bounds(card) == bounds
    role = Role("X", cardinality=card)
    assert (role.min_count, role.max_count, role.required) == (*bounds, bounds[0] > 0)


@pytest.mark.parametrize("card", ["", "2", "**", "{}", "{3-1}", "{a}", "1+"])
def test_bad_cardinalities_are_refused(card: str) -> None:
    with pytest.raises(ValueError):
        cardinality_bounds(card)
    with pytest.raises(SchemaError, match="role X"):
        _schema(roles=(Role("X", cardinality=card),))


def _schema(*, roles: tuple[Role, ...] = (), labels: tuple[EntityLabel, ...] | None = None,
            event_hotkey: str = "", color: str = "#123456") -> Schema:
    labels = labels or (EntityLabel("PER", "Person", "人名", hotkey="1"), EntityLabel("LOC", "Place", "地点"))
    return Schema.from_dict(Schema("t", labels, (EventType("Meet", "Meet", "会见", color=color, hotkey=event_hotkey,
                                                           roles=roles),)).to_dict())


def test_check_refuses_duplicate_hotkeys_roles_and_bad_colours() -> None:
    _schema(event_hotkey="g", color="teal")
    with pytest.raises(SchemaError, match="duplicate hotkey 1"):
        _schema(event_hotkey="1")
    with pytest.raises(SchemaError, match="duplicate role of event Meet Place"):
        _schema(roles=(Role("Place"), Role("Place")))
    with pytest.raises(SchemaError, match="colour"):
        _schema(color="#12345")
    with pytest.raises(SchemaError, match="unknown label"):
        _schema(roles=(Role("Place", labels=("GPE",)),))


@pytest.mark.parametrize("name", ["news-zh", "ace2005-zh", "cec"])
def test_toml_round_trip_of_shipped_schemas(name: str, tmp_path) -> None:
    schema = load_schema(name)
    text = schema.to_toml(header="exported\nby a test")
    assert text.startswith("# exported\n# by a test\n")
    again = Schema.from_toml(text)
    assert again == schema and again.to_dict() == schema.to_dict()
    assert again.to_toml(header="exported\nby a test") == text
    path = tmp_path / "copy.toml"
    path.write_text(text, encoding="utf-8")
    assert load_schema(path) == schema


def test_toml_round_trip_of_awkward_text() -> None:
    awkward = 'quote " backslash \\ tab \t newline \n bell \x07 del \x7f 中文 “引号” 𠀀'
    schema = Schema(
        "odd name", (EntityLabel("PER", awkward, "人\\名", "#abc", "Ctrl+1"), EntityLabel("X-1", "x")),
        (EventType("A:B c", "n", "", "#000000", "", ("触发", 'say "hi"'),
                   (Role("R", awkward, ("PER", "X-1"), "{1-2}"), Role("Any"))),
         EventType("Empty", "empty")),
        description="two\nlines", allow_crossing=True,
        prelabel={"jieba": {"nr": "PER", "a b": "X-1", "引": "PER"}, "my engine": {}})
    text = schema.to_toml()
    assert Schema.from_toml(text) == schema


def test_from_toml_reports_bad_text() -> None:
    with pytest.raises(SchemaError, match="not valid TOML"):
        Schema.from_toml("name = ", path="x.toml")


def test_diff_lists_what_changed(ace: Schema) -> None:
    meet = ace.event_type("Contact:Meet")
    narrower = replace(meet, color="#000000",
                       roles=(replace(meet.roles[0], labels=("PER",)), meet.roles[1], Role("Topic", "议题")))
    new = replace(ace, labels=(*[replace(lab, color="#010101") if lab.key == "PER" else lab
                                 for lab in ace.labels if lab.key != "WEA"], EntityLabel("CAUSE", "Cause")),
                  event_types=(*[narrower if e.key == meet.key else e for e in ace.event_types
                                 if e.key != "Justice:Pardon"], EventType("Life:Adopt", "Adopt")))
    d = diff(ace, new)
    assert (d.added_labels, d.removed_labels, d.changed_labels) == (("CAUSE",), ("WEA",), ("PER",))
    assert (d.added_event_types, d.removed_event_types) == (("Life:Adopt",), ("Justice:Pardon",))
    assert d.changed_event_types == ("Contact:Meet",)
    assert d.added_roles == (("Contact:Meet", "Topic"),) and d.removed_roles == (("Contact:Meet", "Place"),)
    assert d.narrowed_roles == (("Contact:Meet", "Entity", ("ORG", "LOC", "GPE")),)
    assert diff(ace, ace).is_empty and not d.is_empty


def test_orphans_name_only_the_changes_that_strand_annotations(ace: Schema) -> None:
    meet = ace.event_type("Contact:Meet")
    new = replace(ace, labels=tuple(lab for lab in ace.labels if lab.key not in {"WEA", "VEH"}),
                  event_types=tuple(replace(e, roles=e.roles[:2]) if e.key == meet.key else e
                                    for e in ace.event_types if e.key != "Justice:Pardon"))
    # Without annotations nothing is orphaned (roles naming WEA would fail new.check(); orphans only counts).
    assert orphans(ace, new) == ()
    found = orphans(ace, new, used_labels={"WEA": 3, "PER": 10}, used_event_types=["Justice:Pardon"] * 2,
                    used_roles=[("Contact:Meet", "Place"), ("Contact:Meet", "Entity"), ("Justice:Pardon", "Crime")])
    assert [(o.kind, o.key, o.count) for o in found] == [
        ("label", "WEA", 3), ("event type", "Justice:Pardon", 2), ("role", "Contact:Meet.Place", 1)]
    assert "武器" in found[0].message and "赦免" in found[1].message and "地点" in found[2].message
    # Adding things, or removing unused ones, is always safe.
    assert orphans(ace, replace(ace, labels=(*ace.labels, EntityLabel("FAC", "Facility"))),
                   used_labels={k: 1 for k in ace.label_keys}) == ()
