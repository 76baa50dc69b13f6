"""The messages a student reads come from one table, in English and in Korean."""

from __future__ import annotations

import re

import pytest
from test_data_builders import make_gtsrb_train

from helpers import config, data, messages
from helpers.data import places


def test_every_message_has_both_languages_with_the_same_fields():
    for key, entry in messages.MESSAGES.items():
        assert set(entry) == {"en", "ko"}, key
        fields = [set(re.findall(r"{(\w+)", entry[lang])) for lang in ("en", "ko")]
        assert fields[0] == fields[1], key
        assert re.search("[가-힣]", entry["ko"]), f"{key}: the Korean text is not Korean"


def test_text_picks_the_configured_language(monkeypatch):
    monkeypatch.delenv("COURSE_LANG", raising=False)
    assert messages.text("located.partial", count=18, expected=39209) == "partial copy (18 of 39,209)"
    config.configure(lang="ko")
    assert messages.text("located.partial", count=18, expected=39209) == "일부만 있는 사본 (39,209개 중 18개)"
    with pytest.raises(KeyError, match="no course message 'nope'"):
        messages.text("nope")


@pytest.fixture
def nothing_staged(isolated_course, monkeypatch):
    monkeypatch.setattr(config, "local_data_dir", lambda: isolated_course / "local-data")
    monkeypatch.setattr(places, "DEBIAN_FASHION_MNIST", isolated_course / "no-debian")
    monkeypatch.setenv("COURSE_QUICK", "0")
    return isolated_course


@pytest.mark.parametrize("lang, phrases", [
    ("en", ["GTSRB training set (gtsrb) was not found", "Two ways out:",
            "COURSE_DATA_DIR=/path/to/that/folder"]),
    ("ko", ["GTSRB training set(gtsrb) 데이터를 찾을 수 없습니다", "해결 방법은 두 가지입니다.",
            "COURSE_OFFLINE 설정을 해제하고 인터넷에 연결한 뒤", "준비된 데이터 폴더"]),
])
def test_the_missing_data_error_in_both_languages(nothing_staged, lang, phrases):
    config.configure(quick=False, lang=lang)
    with pytest.raises(data.DatasetNotFoundError) as error:
        data.load_gtsrb()
    for phrase in phrases:
        assert phrase in str(error.value)


def test_partial_copy_and_mislaid_notices_in_korean(nothing_staged, monkeypatch, capsys):
    make_gtsrb_train(nothing_staged / "staged" / "GTSRB", classes=(0,), tracks=1, frames=1)
    monkeypatch.setenv("COURSE_DATA_DIR", str(nothing_staged / "staged"))
    config.configure(quick=False, lang="ko")
    mislaid = r"데이터를 .* 에서 찾았습니다.*COURSE_DATA_DIR 값을 .*\(으\)로 설정하세요"
    with pytest.warns(data.DataWarning, match=mislaid):
        signs = data.load_gtsrb()
    assert "일부만 있는 사본 (39,209개 중 1개)" in signs.info.line and "출처:" in capsys.readouterr().out
