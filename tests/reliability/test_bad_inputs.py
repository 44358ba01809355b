"""Bad inputs, each beside one good document: the good one is stored, the bad one is a failure row
naming its file (and line) or is stored gracefully; never a traceback, never a lost good document.
"""
from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import GOOD_EN, GOOD_FR, assert_clean_exit, cli, good_record, snapshot, write_jsonl

FAIL, STORE, EITHER, NOTHING = "fail", "store", "either", "nothing"


@dataclass
class Kind:
    """One kind of bad input: how to write it, what must come of it, where its failure must point."""

    name: str
    build: Callable[[Path], list[Path]]  # writes the bad input and the good document, returns the sources
    expect: str
    where: str = ""  # substring of the failure's origin (file, file:line)
    check: Callable[[object], None] | None = None  # extra check on the snapshot


def jsonl_line(line: str | bytes | dict) -> Callable[[Path], list[Path]]:
    """A JSONL file whose line 1 is bad and line 2 is the good document."""
    def build(d: Path) -> list[Path]:
        return [write_jsonl(d / "in.jsonl", [line, good_record()])]
    return build


def txt_file(data: bytes, name: str = "bad.txt") -> Callable[[Path], list[Path]]:
    """A directory holding the bad file and good.txt; the directory is the source."""
    def build(d: Path) -> list[Path]:
        src = d / "src"
        src.mkdir()
        (src / name).write_bytes(data)
        (src / "good.txt").write_text(GOOD_FR, encoding="utf-8")
        return [src]
    return build


def direct(make: Callable[[Path], Path]) -> Callable[[Path], list[Path]]:
    """The bad source given on the command line, then good.txt."""
    def build(d: Path) -> list[Path]:
        good = d / "good.txt"
        good.write_text(GOOD_FR, encoding="utf-8")
        return [make(d), good]
    return build


def rec(**fields) -> dict:
    """A record with the good text unless overridden."""
    return {"id": "bad", "text": GOOD_EN, **fields}


def stored_text_has(sub: str, doc_id: str = "bad"):
    def check(snap) -> None:
        d = snap.doc(doc_id)
        assert d is not None and sub in d["text"], d and d["text"][:80]
    return check


def fffd_in_place(line: str, field: str = "text", column: str = ""):
    """Each surrogate of ``field`` became one U+FFFD: same length, everything else unchanged."""
    raw = json.loads(line)[field]
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in raw)

    def check(snap) -> None:
        d = next(x for x in snap.documents if x["doc_id"] != "good")
        assert d[column or field] == expected and len(expected) == len(raw)
    return check


def surrogates(name: str, line: str, field: str = "text", column: str = "") -> Kind:
    """A JSONL line whose ``field`` holds surrogate escapes: stored, each replaced by U+FFFD."""
    return Kind(name, jsonl_line(line), STORE, check=fffd_in_place(line, field, column))


_EN = GOOD_EN.replace('"', "'")


def no_script(snap) -> None:
    d = next(x for x in snap.documents if x["doc_id"] != "good")
    assert "alert(" not in d["text"] and "evil.example" not in d["text"]


def two_goods(snap) -> None:
    assert [d["status"] for d in snap.documents if d["doc_id"] == "good"] == ["done", "done"]


def crlf_gone(snap) -> None:
    d = next(x for x in snap.documents if x["doc_id"] != "good")
    assert "\r" not in d["text"]


def _deep(n: int, open_: str, close: str) -> str:
    return open_ * n + close * n


def _symlink_loop(d: Path) -> list[Path]:
    src = d / "src"
    src.mkdir()
    (src / "good.txt").write_text(GOOD_FR, encoding="utf-8")
    os.symlink(src, src / "loop")
    os.symlink(d / "nowhere.txt", src / "dangling.txt")
    return [src]


def _self_symlink(d: Path) -> Path:
    os.symlink(d / "self.txt", d / "self.txt")
    return d / "self.txt"


def _unreadable(d: Path) -> list[Path]:
    src = d / "src"
    src.mkdir()
    (src / "good.txt").write_text(GOOD_FR, encoding="utf-8")
    bad = src / "locked.txt"
    bad.write_text(GOOD_EN, encoding="utf-8")
    bad.chmod(0)
    return [src]


def _bad_filename(d: Path) -> list[Path]:
    src = d / "src"
    src.mkdir()
    (src / "good.txt").write_text(GOOD_FR, encoding="utf-8")
    with open(os.fsencode(src) + b"/caf\xe9-\xff.txt", "wb") as f:  # not UTF-8: decodes to surrogates
        f.write(GOOD_EN.encode())
    return [src]


def _deep_dirs(d: Path) -> list[Path]:
    src = d / "src"
    deep = src.joinpath(*["d"] * 60)
    deep.mkdir(parents=True)
    (deep / "bad.txt").write_text(GOOD_EN, encoding="utf-8")
    (src / "good.txt").write_text(GOOD_FR, encoding="utf-8")
    return [src]


def _dir_named_txt(d: Path) -> list[Path]:
    src = d / "src"
    (src / "folder.txt").mkdir(parents=True)
    (src / "good.txt").write_text(GOOD_FR, encoding="utf-8")
    return [src]


def _dup_ids(d: Path) -> list[Path]:
    return [write_jsonl(d / "in.jsonl", [good_record(), good_record(text=GOOD_EN)])]


_JUNK = random.Random(19).randbytes(4096)
_HTML_SCRIPT = (f"<html><head><title>Leeds</title><script>alert('x')</script></head><body><article>"
                f"<h1>Leeds protest</h1><p>{GOOD_EN}</p><p>{GOOD_EN}</p>"
                "<iframe src='https://evil.example/'></iframe><script>document.write('evil.example')</script>"
                "</article></body></html>").encode()
HUGE = 1_000_001

KINDS = [
    # --- JSON lines
    Kind("broken_json", jsonl_line('{"id": "bad", "text": '), FAIL, "in.jsonl:1"),
    Kind("trailing_garbage", jsonl_line('{"id": "bad", "text": "x"} and more'), FAIL, "in.jsonl:1"),
    Kind("json_array_not_object", jsonl_line('["a", "b"]'), FAIL, "in.jsonl:1"),
    Kind("json_string_not_object", jsonl_line('"just a string"'), FAIL, "in.jsonl:1"),
    Kind("json_null", jsonl_line("null"), FAIL, "in.jsonl:1"),
    Kind("text_not_string", jsonl_line(rec(text=42)), FAIL, "in.jsonl:1"),
    Kind("text_is_list", jsonl_line(rec(text=["a", "b"])), FAIL, "in.jsonl:1"),
    Kind("text_missing", jsonl_line({"id": "bad", "title": "no text"}), FAIL, "in.jsonl:1"),
    Kind("text_empty", jsonl_line(rec(text="")), FAIL, "in.jsonl:1"),
    Kind("text_whitespace_only", jsonl_line(rec(text=" \t\n\u00a0 ")), FAIL, "in.jsonl:1"),
    Kind("nested_arrays", jsonl_line('{"id": "bad", "x": ' + _deep(200_000, "[", "]") + "}"), FAIL,
         "in.jsonl:1"),
    Kind("nested_objects", jsonl_line('{"id": "bad", "x": ' + '{"a":' * 100_000 + "1" + "}" * 100_001),
         FAIL, "in.jsonl:1"),
    Kind("huge_integer", jsonl_line('{"id": "bad", "text": "x y z", "n": ' + "9" * 50_000 + "}"), FAIL,
         "in.jsonl:1"),
    surrogates("lone_surrogate_text", '{"id": "bad", "text": "Police said \\ud800 protesters ' + _EN + '"}'),
    surrogates("lone_low_surrogate_text", '{"id": "bad", "text": "Police said \\udfff. ' + _EN + '"}'),
    surrogates("reversed_surrogate_pair", '{"id": "bad", "text": "\\ude00\\ud83d ' + _EN + '"}'),
    surrogates("lone_surrogate_id", '{"id": "b\\udc80d", "text": "' + _EN + '"}', "id", "doc_id"),
    surrogates("lone_surrogate_title", '{"id": "bad", "title": "\\ud801 x", "text": "' + _EN + '"}', "title"),
    Kind("valid_surrogate_pair", jsonl_line('{"id": "bad", "text": "\\ud83d\\ude00 ' + GOOD_EN.replace('"', "'")
                                            + '"}'), STORE, check=stored_text_has("\U0001F600")),
    Kind("control_characters", jsonl_line(rec(text="\x01\x02\x1b[31m" + GOOD_EN + "\x7f\x85\u2028\u2029")),
         EITHER),
    Kind("nul_in_text", jsonl_line(rec(text="Police\x00 said\x00 " + GOOD_EN)), EITHER),
    Kind("only_nul_and_controls", jsonl_line(rec(text="\x00\x00\x01\x02")), EITHER),
    Kind("very_long_token", jsonl_line(rec(text=GOOD_EN + " " + "a" * 200_000 + " end.")), EITHER),
    Kind("text_above_max_chars", jsonl_line(rec(text=("word " * (HUGE // 5 + 1)))), FAIL, "in.jsonl:1"),
    Kind("unknown_fields", jsonl_line(rec(foo={"bar": [1, 2]}, baz=None, extra="x")), STORE),
    Kind("bad_published", jsonl_line(rec(published="yesterday")), FAIL, "in.jsonl:1"),
    Kind("impossible_date", jsonl_line(rec(published="2024-02-30")), FAIL, "in.jsonl:1"),
    Kind("future_date", jsonl_line(rec(published="2999-12-31")), EITHER),
    Kind("published_number", jsonl_line(rec(published=20240306)), EITHER, "in.jsonl:1"),
    Kind("id_is_object", jsonl_line(rec(id={"a": 1})), EITHER, "in.jsonl:1"),
    Kind("id_is_bool", jsonl_line(rec(id=True)), EITHER, "in.jsonl:1"),
    Kind("id_path_traversal", jsonl_line(rec(id="../../etc/x")), STORE),
    Kind("lang_unknown", jsonl_line(rec(lang="xx")), STORE),
    Kind("lang_is_number", jsonl_line(rec(lang=5)), EITHER, "in.jsonl:1"),
    Kind("nan_and_infinity", jsonl_line('{"id": "bad", "text": "' + GOOD_EN.replace('"', "'")
                                        + '", "score": NaN, "w": Infinity}'), EITHER, "in.jsonl:1"),
    Kind("invalid_utf8_line", jsonl_line(b'{"id": "bad", "text": "caf\xe9 au lait"}'), FAIL, "in.jsonl:1"),
    Kind("binary_junk_line", jsonl_line(_JUNK.replace(b"\n", b" ")), FAIL, "in.jsonl:1"),
    Kind("bom_first_line", jsonl_line(b"\xef\xbb\xbf" + json.dumps(rec()).encode()), STORE),
    Kind("crlf_lines", jsonl_line(json.dumps(rec(text=GOOD_EN.replace(". ", ".\r\n"))) + "\r"), STORE),
    Kind("duplicated_ids", _dup_ids, NOTHING, check=two_goods),
    Kind("duplicated_line", jsonl_line(good_record()), NOTHING),
    # --- files
    Kind("empty_txt", txt_file(b""), FAIL, "bad.txt"),
    Kind("whitespace_txt", txt_file(b" \n\t\r\n  "), FAIL, "bad.txt"),
    Kind("binary_junk_txt", txt_file(_JUNK), FAIL, "bad.txt"),
    Kind("invalid_utf8_txt", txt_file("Un café à Lyon.".encode("latin-1")), FAIL, "bad.txt"),
    Kind("utf16_txt", txt_file(GOOD_EN.encode("utf-16")), FAIL, "bad.txt"),
    Kind("utf16_jsonl", txt_file(json.dumps(rec()).encode("utf-16"), "bad.jsonl"), FAIL, "bad.jsonl"),
    Kind("bom_txt", txt_file(b"\xef\xbb\xbf" + GOOD_EN.encode()), STORE, check=stored_text_has("Protesters")),
    Kind("nul_bytes_txt", txt_file(GOOD_EN.encode().replace(b" ", b"\x00", 3)), EITHER, "bad.txt"),
    Kind("crlf_txt", txt_file(GOOD_EN.replace(". ", ".\r\n").encode()), STORE, check=crlf_gone),
    Kind("cr_only_txt", txt_file(GOOD_EN.replace(". ", ".\r").encode()), STORE, check=crlf_gone),
    Kind("huge_txt", txt_file(b"word " * (HUGE // 5 + 1)), FAIL, "bad.txt"),
    Kind("empty_jsonl_file", txt_file(b"", "bad.jsonl"), NOTHING),
    Kind("binary_jsonl_file", txt_file(_JUNK, "bad.jsonl"), FAIL, "bad.jsonl:"),
    Kind("html_script_iframe", txt_file(_HTML_SCRIPT, "bad.html"), STORE, check=no_script),
    Kind("html_no_body", txt_file(b"<html><head><title>Nothing</title></head></html>", "bad.html"), FAIL,
         "bad.html"),
    Kind("html_empty_file", txt_file(b"", "bad.html"), FAIL, "bad.html"),
    Kind("html_binary_junk", txt_file(_JUNK, "bad.html"), FAIL, "bad.html"),
    Kind("html_malformed", txt_file(b"<html><body><p>unclosed <div><<<< <b><i></p></html><", "bad.html"),
         EITHER, "bad.html"),
    Kind("unsupported_suffix", direct(lambda d: (d / "bad.pdf").write_bytes(b"%PDF-1.4") and d / "bad.pdf"),
         FAIL, "bad.pdf"),
    Kind("missing_file", direct(lambda d: d / "missing.txt"), FAIL, "missing.txt"),
    Kind("self_symlink", direct(_self_symlink), FAIL, "self.txt"),
    Kind("symlink_loop_and_dangling", _symlink_loop, NOTHING),
    Kind("unreadable_file", _unreadable, EITHER if os.geteuid() == 0 else FAIL, "locked.txt"),
    Kind("filename_not_utf8", _bad_filename, STORE),
    Kind("filename_with_newline", txt_file(GOOD_EN.encode(), "bad\nname.txt"), STORE),
    Kind("directory_named_txt", _dir_named_txt, NOTHING),
    Kind("deeply_nested_directories", _deep_dirs, STORE),
]


def _verify(kind: Kind, snap) -> None:
    good = snap.doc("good")
    assert good is not None and good["status"] == "done", f"good document lost: {good and dict(good)}"
    others = [d for d in snap.documents if d["doc_id"] != "good" and d["status"] in ("done", "skipped")]
    failed = [f for f in snap.failures if not kind.where or kind.where in f["origin"]]
    if kind.expect == FAIL:
        assert failed, f"no failure row naming {kind.where!r}: {[dict(f) for f in snap.failures]}"
        assert all(f["code"].startswith("V") and f["reason"] for f in failed)
    elif kind.expect == STORE:
        assert others, "the bad input was neither stored nor reported"
        assert not snap.failures, [dict(f) for f in snap.failures]
    elif kind.expect == EITHER:
        assert others or failed, "the bad input was neither stored nor reported"
    else:
        assert not snap.failures, [dict(f) for f in snap.failures]
    if kind.check:
        kind.check(snap)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_bad_input_never_kills_the_batch(tmp_path, kind, tally):
    tally["tried"] += 1
    sources = kind.build(tmp_path)
    db = tmp_path / "v.db"
    try:
        r = cli("ingest", "--db", db, "--quiet", *sources)
        assert_clean_exit(r)
        _verify(kind, snapshot(db))
    except AssertionError:
        tally["not_handled"].append(kind.name)
        raise
    tally["handled"] += 1


def test_bad_inputs_cover_forty_kinds():
    assert len(KINDS) >= 40 and len({k.name for k in KINDS}) == len(KINDS)
