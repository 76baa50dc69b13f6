"""The messages a student reads, in English and Korean: one table, one function.

``text(key, **fields)`` picks the language from ``config.language()`` (``setup(lang="ko")`` or
``COURSE_LANG=ko``; English by default) and fills in the fields. Lines that tests or
notebooks parse (``Test accuracy: 0.xxxx``) are not messages and stay English.
"""

from __future__ import annotations

from helpers import config

MESSAGES: dict[str, dict[str, str]] = {
    # ---- the missing-data error in full mode: what is missing, where it looked, the two ways out
    "missing.head": {
        "en": "{title} ({name}) was not found, and full mode needs the real data.",
        "ko": "{title}({name}) 데이터를 찾을 수 없습니다. 전체 모드(full mode)에는 실제 데이터가 필요합니다.",
    },
    "missing.looked": {"en": "Looked in:", "ko": "찾아본 곳:"},
    "missing.download": {"en": "download: {note}", "ko": "다운로드: {note}"},
    "missing.ways": {"en": "Two ways out:", "ko": "해결 방법은 두 가지입니다."},
    "missing.way1": {
        "en": "1. connect to the internet and run again, or stage it once with "
              "`python -m helpers.data fetch {name}`;",
        "ko": "1. 인터넷에 연결한 뒤 다시 실행하거나, `python -m helpers.data fetch {name}` 명령으로 "
              "미리 한 번 받아 두세요.",
    },
    "missing.way1_offline": {
        "en": "1. unset COURSE_OFFLINE, connect to the internet and run again, or stage it once with "
              "`python -m helpers.data fetch {name}`;",
        "ko": "1. COURSE_OFFLINE 설정을 해제하고 인터넷에 연결한 뒤 다시 실행하거나, "
              "`python -m helpers.data fetch {name}` 명령으로 미리 한 번 받아 두세요.",
    },
    "missing.way2": {
        "en": "2. copy a staged data folder (from your instructor, or Drive) and set "
              "COURSE_DATA_DIR=/path/to/that/folder; it must hold:",
        "ko": "2. 미리 준비된 데이터 폴더(강사에게 받았거나 Drive에 있는 폴더)를 복사한 뒤 "
              "COURSE_DATA_DIR=/path/to/that/folder 로 설정하세요. 그 폴더에는 다음이 있어야 합니다.",
    },
    "missing.quick": {
        "en": "(Quick mode, COURSE_QUICK=1, runs on an offline stand-in instead of the real data.)",
        "ko": "(빠른 모드(COURSE_QUICK=1)에서는 실제 데이터 대신 오프라인 대체 데이터로 실행됩니다.)",
    },
    "download.offline": {"en": "skipped (COURSE_OFFLINE=1)", "ko": "건너뜀 (COURSE_OFFLINE=1)"},
    "download.not_tried": {
        "en": "not tried (`python -m helpers.data fetch {name}` downloads it)",
        "ko": "시도하지 않음 (`python -m helpers.data fetch {name}` 명령으로 받을 수 있습니다)",
    },
    "download.failed": {"en": "failed: {error}", "ko": "실패: {error}"},
    # ---- what each place searched held
    "looked.absent": {"en": "not there", "ko": "없음"},
    "looked.no_folder": {"en": "this folder does not exist", "ko": "이 폴더가 존재하지 않음"},
    "looked.no_files": {"en": "no {title} files in it", "ko": "{title} 파일이 하나도 없음"},
    "looked.wrong_layout": {"en": "wrong layout", "ko": "폴더 구성이 맞지 않음"},
    "looked.standin": {"en": "an offline stand-in, not the real data",
                       "ko": "오프라인 대체 데이터이며 실제 데이터가 아님"},
    "looked.found": {"en": "found", "ko": "찾음"},
    "looked.mislaid": {"en": "found one level off, at {found}",
                       "ko": "한 단계 어긋난 위치 {found} 에서 찾음"},
    # ---- a data folder that is wrong
    "data_dir.missing": {
        "en": "{variable}={path} does not exist (a typo, or quotes kept in the value?); nothing is read "
              "from it (a download would create it).",
        "ko": "{variable}={path} 폴더가 존재하지 않습니다(오타이거나 값에 따옴표가 남아 있을 수 있습니다). "
              "이 폴더에서는 아무것도 읽지 않습니다(다운로드하면 새로 만들어집니다).",
    },
    "mislaid": {
        "en": "{title}: found at {found}, not at {expected} where {source} points. {fix}",
        "ko": "{title}: 데이터를 {found} 에서 찾았습니다. {source} 설정이 가리키는 위치({expected})가 "
              "아닙니다. {fix}",
    },
    "mislaid.set": {"en": "Set {variable} to {folder}.", "ko": "{variable} 값을 {folder}(으)로 설정하세요."},
    "mislaid.setup": {"en": "Pass setup(data_dir=\"{folder}\").",
                      "ko": "setup(data_dir=\"{folder}\")로 지정하세요."},
    "mislaid.move": {"en": "Move it to {expected}.", "ko": "데이터를 {expected} 위치로 옮기세요."},
    # ---- the line each loader prints
    "located.from": {"en": "from {path} ({source})", "ko": "출처: {path} ({source})"},
    "located.partial": {"en": "partial copy ({count:,} of {expected:,})",
                        "ko": "일부만 있는 사본 ({expected:,}개 중 {count:,}개)"},
    "located.standin": {"en": "OFFLINE STAND-IN, not the real data",
                        "ko": "오프라인 대체 데이터(OFFLINE STAND-IN)이며 실제 데이터가 아닙니다"},
    "info.skipped": {"en": "{count:,} skipped (see the warning)", "ko": "{count:,}개 건너뜀 (경고 참고)"},
    "info.cached": {"en": "from the cache", "ko": "캐시에서 불러옴"},
    # ---- stand-ins
    "standin.generating": {
        "en": "Generating the offline stand-in for {title} (once) in {root} ...",
        "ko": "{title}의 오프라인 대체 데이터를 {root} 에 생성합니다(처음 한 번만) ...",
    },
    "standin.download_failed": {
        "en": "{title}: the download failed ({error}); using the offline stand-in.",
        "ko": "{title}: 다운로드에 실패했습니다({error}). 오프라인 대체 데이터를 사용합니다.",
    },
    # ---- damaged or unlisted files
    "file.damaged": {
        "en": "{path} is damaged: {problem}. `python -m helpers.data fetch {name} --force` replaces it "
              "(or copy it again).",
        "ko": "{path} 파일이 손상되었습니다: {problem}. `python -m helpers.data fetch {name} --force` "
              "명령으로 다시 받거나, 파일을 다시 복사하세요.",
    },
    "images.damaged": {
        "en": "{count:,} damaged image file(s) in {folder}: {names}. Keras' directory loaders would stop "
              "on them, so they are left out of the copy used here ({root}). Copy them again, or fetch a "
              "clean copy with `python -m helpers.data fetch {name} --force`.",
        "ko": "{folder} 에 손상된 이미지 파일이 {count:,}개 있습니다: {names}. Keras의 디렉터리 로더가 이 "
              "파일에서 멈추므로, 여기서 쓰는 사본({root})에서는 제외했습니다. 파일을 다시 복사하거나 "
              "`python -m helpers.data fetch {name} --force` 명령으로 깨끗한 사본을 받으세요.",
    },
    "images.damaged_strict": {
        "en": "{count:,} damaged image file(s) in {folder}: {names}. Keras' directory loaders stop on "
              "them. Copy them again, fetch a clean copy with `python -m helpers.data fetch {name} "
              "--force`, or pass skip_damaged=True to leave them out.",
        "ko": "{folder} 에 손상된 이미지 파일이 {count:,}개 있습니다: {names}. Keras의 디렉터리 로더가 이 "
              "파일에서 멈춥니다. 파일을 다시 복사하거나, `python -m helpers.data fetch {name} --force` "
              "명령으로 깨끗한 사본을 받거나, skip_damaged=True 를 넘겨 제외하세요.",
    },
    "gtsrb.skipped": {
        "en": "{title}: skipped {count:,} of {total:,} images in {folder} that could not be read: "
              "{names}. Re-copy or re-fetch those files to use them.",
        "ko": "{title}: {folder} 의 이미지 {total:,}개 중 읽을 수 없는 {count:,}개를 건너뛰었습니다: "
              "{names}. 이 파일을 쓰려면 다시 복사하거나 다시 받으세요.",
    },
    "gtsrb.not_on_disk": {"en": "{name} (listed in the GT csv, not on disk)",
                          "ko": "{name} (GT csv에는 있지만 디스크에 없음)"},
    "gtsrb.unlisted": {
        "en": "{title}: {count:,} image file(s) in {folder} are not listed in their GT csv and were left "
              "out: {names}. Add them to the csv, or fetch a clean copy with "
              "`python -m helpers.data fetch {name} --force`.",
        "ko": "{title}: {folder} 의 이미지 파일 {count:,}개가 GT csv에 없어서 제외되었습니다: {names}. "
              "csv에 추가하거나 `python -m helpers.data fetch {name} --force` 명령으로 "
              "깨끗한 사본을 받으세요.",
    },
    "more": {"en": "; and {count:,} more", "ko": " 외 {count:,}개"},
    # ---- ImageNet weights
    "weights.found": {"en": "ImageNet weights {filename} · from {path} ({source})",
                      "ko": "ImageNet 가중치 {filename} · 출처: {path} ({source})"},
    "weights.fits": {
        "en": "ImageNet weights: {wanted} is not here; using {filename} from {path} ({source}): without "
              "the top, these weights fit any input size.",
        "ko": "ImageNet 가중치: {wanted} 파일이 없어 {path} ({source})의 {filename} 을 사용합니다. 분류 층"
              "(top)이 없는 가중치는 입력 크기와 상관없이 쓸 수 있습니다.",
    },
    "weights.offline": {
        "en": "ImageNet weights {filename}: not staged (looked in {looked}) and COURSE_OFFLINE=1; "
              "no pretrained weights.",
        "ko": "ImageNet 가중치 {filename}: 준비된 파일이 없고(찾아본 곳: {looked}) COURSE_OFFLINE=1 이므로 "
              "사전 학습된 가중치 없이 진행합니다.",
    },
    "weights.ignored": {"en": "Ignored {path}: {problem}.", "ko": "{path} 파일은 무시했습니다: {problem}."},
    "weights.failed": {
        "en": "ImageNet weights {filename}: the download failed ({error}); no pretrained weights.",
        "ko": "ImageNet 가중치 {filename}: 다운로드에 실패했습니다({error}). "
              "사전 학습된 가중치 없이 진행합니다.",
    },
    "weights.downloaded": {"en": "ImageNet weights {filename} · downloaded from {url} to {path}",
                           "ko": "ImageNet 가중치 {filename} · {url} 에서 {path} 로 내려받음"},
    # ---- the set-up line every notebook prints first
    "setup.summary": {
        "en": "TensorFlow {tf} · Keras {keras} · {device}, {replicas} · {where} · {mode} · seed {seed} · "
              "data: {data} ({source}) · work: {work}",
        "ko": "TensorFlow {tf} · Keras {keras} · {device}, {replicas} · {where} · {mode} · 시드 {seed} · "
              "데이터: {data} ({source}) · 작업 폴더: {work}",
    },
    "setup.replicas": {"en": "{n} replica trains", "ko": "복제본 {n}개로 학습"},
    "setup.replicas_many": {"en": "{n} replicas train", "ko": "복제본 {n}개로 학습"},
    "setup.colab": {"en": "Colab", "ko": "Colab 환경"},
    "setup.local": {"en": "local", "ko": "로컬"},
    "setup.quick": {"en": "quick mode (COURSE_QUICK=1)", "ko": "빠른 모드 (COURSE_QUICK=1)"},
    "setup.full": {"en": "full mode", "ko": "전체 모드"},
    "setup.wall_time": {
        "en": "Wall time: {minutes:.1f} min ({seconds:.0f} s), {mode}, {device}",
        "ko": "실행 시간: {minutes:.1f}분 ({seconds:.0f}초), {mode}, {device}",
    },
}


def text(key: str, **fields: object) -> str:
    """Return message ``key`` in the course's language (``config.language()``) with ``fields`` filled in."""
    try:
        entry = MESSAGES[key]
    except KeyError:
        raise KeyError(f"no course message {key!r}; known: {', '.join(sorted(MESSAGES))}") from None
    return entry.get(config.language(), entry["en"]).format(**fields)
