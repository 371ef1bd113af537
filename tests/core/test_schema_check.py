"""Every schema field is checked on import, naming the TOML file and the field; what is kept can be written back."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import SchemaError
from annotator.core.schema import Schema, load_schema
from annotator.core.schema_check import RESERVED_KEYS, normal_hotkey

BASE = """name = "t"
[[labels]]
key = "PER"
name = "Person"
{label}
[[events]]
key = "Meet"
name = "Meet"
{event}
roles = [{{ name = "Entity", labels = ["PER"], cardinality = "*" }}]
{tail}
"""


def toml(label: str = "", event: str = "", tail: str = "") -> str:
    return BASE.format(label=label, event=event, tail=tail)


@pytest.mark.parametrize(("label", "event", "tail", "words"), [
    ("hotkey = 7", "", "", "labels[1].hotkey must be a text (a string), not a number 7"),
    ("color = 123", "", "", "labels[1].color must be a text (a string), not a number 123"),
    ("", "name_zh = 123", "", "events[1].name_zh must be a text (a string), not a number 123"),
    ("", "triggers = [1]", "", "events[1].triggers[1] must be a text"),
    ("color = \"notacolour\"", "", "", "colour 'notacolour' is not #rgb, #rrggbb or a colour name"),
    ("color = \"#12\"", "", "", "is not #rgb"),
    ("hotkey = \"X\"", "", "", "hotkey 'X' is one of the window's own keys"),
    ("hotkey = \"ctrl+z\"", "", "", "hotkey 'ctrl+z' is one of the window's own keys"),
    ("", "hotkey = \"Space\"", "", "event type Meet: hotkey 'Space' is one of the window's own keys"),
    ("hotkey = \"PQ\"", "", "", "hotkey 'PQ' is not a single key"),
    ("hotkey = \"Hyper+P\"", "", "", "is not a single key"),
    ("", "", "[prelabel.jieba]\nnr = \"PERSON\"", "prelabel.jieba maps to unknown label(s) PERSON"),
    ("", "", "[prelabel.jieba]\nnr = 5", "prelabel.jieba.nr must be a text"),
])
def test_bad_fields_are_refused_naming_the_file_and_the_field(tmp_path, label, event, tail, words):
    path = tmp_path / "bad.toml"
    path.write_text(toml(label, event, tail), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert str(info.value).startswith(f"{path}: ") and words in str(info.value), str(info.value)


def test_a_key_of_the_wrong_type_is_refused(tmp_path):
    path = tmp_path / "key.toml"
    path.write_text(toml().replace('key = "PER"', "key = 123"), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"labels\[1\]\.key must be a text \(a string\), not a number 123"):
        load_schema(path)
    path.write_text(toml().replace('name = "t"', 'name = "t"\nallow_crossing = "yes"'), encoding="utf-8")
    with pytest.raises(SchemaError, match="allow_crossing must be true or false"):
        load_schema(path)


def test_a_key_with_a_control_character_is_refused(tmp_path):
    path = tmp_path / "ctl.toml"
    path.write_text(toml().replace('key = "PER"', 'key = "P\\u0007ER"'), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"a key cannot hold control characters"):
        load_schema(path)


def test_good_fields_pass_and_round_trip(tmp_path):
    text = toml('hotkey = "p"\ncolor = "Teal"', 'hotkey = "Ctrl+G"\ncolor = "#abc"', '[prelabel.jieba]\nnr = "PER"')
    schema = Schema.from_toml(text)
    assert schema.labels[0].hotkey == "p" and Schema.from_toml(schema.to_toml()) == schema


def test_cli_refuses_a_bad_schema_everywhere_with_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(toml("hotkey = 7"), encoding="utf-8")
    project = tmp_path / "p.annot"
    result = CliRunner().invoke(cli, ["new", str(project), "--schema", str(bad)])
    assert result.exit_code == 2 and f"error: {bad}: labels[1].hotkey" in result.output
    assert not project.exists()
    assert CliRunner().invoke(cli, ["new", str(project)]).exit_code == 0
    result = CliRunner().invoke(cli, ["schema", str(project), "--import", str(bad)])
    assert result.exit_code == 2 and f"error: {bad}: labels[1].hotkey" in result.output
    result = CliRunner().invoke(cli, ["schema", str(project), "--export", str(tmp_path / "out.toml")])
    assert result.exit_code == 0, result.output


def test_a_stored_schema_with_a_number_for_a_hotkey_still_opens_and_exports():
    data = Schema.from_toml(toml()).to_dict()
    data["labels"][0]["hotkey"] = 7
    schema = Schema.from_dict(data, strict=False)
    assert schema.labels[0].hotkey == "7" and "hotkey = \"7\"" in schema.to_toml()


def test_fifty_thousand_labels_are_checked_in_linear_time():
    labels = "".join(f'[[labels]]\nkey = "L{i}"\nname = "L{i}"\n' for i in range(50_000))
    start = time.process_time()  # this process's CPU time: the other work on a loaded machine does not count
    schema = Schema.from_toml('name = "big"\n' + labels)
    assert len(schema.labels) == 50_000 and time.process_time() - start < 10
    with pytest.raises(SchemaError, match="duplicate label L7"):
        Schema.from_toml('name = "big"\n' + labels + '[[labels]]\nkey = "L7"\nname = "again"\n')


def test_reserved_keys_follow_the_window():
    keys = pytest.importorskip("annotator.gui.keys")
    assert {normal_hotkey(k) for b in keys.BINDINGS for k in b.keys} <= {normal_hotkey(k) for k in RESERVED_KEYS}


def test_a_fifo_given_as_a_schema_file_is_refused_at_once(tmp_path):
    import os

    fifo = tmp_path / "schema.toml"
    os.mkfifo(fifo)
    with pytest.raises(SchemaError, match="is a FIFO"):
        load_schema(fifo)
    project = tmp_path / "p.annot"
    assert CliRunner().invoke(cli, ["new", str(project)]).exit_code == 0
    result = CliRunner().invoke(cli, ["schema", str(project), "--import", str(fifo)])
    assert result.exit_code == 2 and f"{fifo}" in result.output and "is a FIFO" in result.output
