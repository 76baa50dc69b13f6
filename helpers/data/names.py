"""Class names of the course's datasets, in English and Korean (index = label)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

FASHION_MNIST_CLASSES: list[tuple[str, str]] = [
    ("T-shirt/top", "티셔츠/탑"),
    ("Trouser", "바지"),
    ("Pullover", "풀오버"),
    ("Dress", "드레스"),
    ("Coat", "코트"),
    ("Sandal", "샌들"),
    ("Shirt", "셔츠"),
    ("Sneaker", "스니커즈"),
    ("Bag", "가방"),
    ("Ankle boot", "앵클 부츠"),
]

GTSRB_SIGN_NAMES: list[tuple[str, str]] = [
    ("Speed limit (20km/h)", "속도 제한 (20km/h)"),
    ("Speed limit (30km/h)", "속도 제한 (30km/h)"),
    ("Speed limit (50km/h)", "속도 제한 (50km/h)"),
    ("Speed limit (60km/h)", "속도 제한 (60km/h)"),
    ("Speed limit (70km/h)", "속도 제한 (70km/h)"),
    ("Speed limit (80km/h)", "속도 제한 (80km/h)"),
    ("End of speed limit (80km/h)", "속도 제한 해제 (80km/h)"),
    ("Speed limit (100km/h)", "속도 제한 (100km/h)"),
    ("Speed limit (120km/h)", "속도 제한 (120km/h)"),
    ("No passing", "추월 금지"),
    ("No passing for vehicles over 3.5 metric tons", "3.5톤 초과 차량 추월 금지"),
    ("Right-of-way at the next intersection", "다음 교차로 우선 통행"),
    ("Priority road", "우선 도로"),
    ("Yield", "양보"),
    ("Stop", "정지"),
    ("No vehicles", "차량 통행 금지"),
    ("Vehicles over 3.5 metric tons prohibited", "3.5톤 초과 차량 통행 금지"),
    ("No entry", "진입 금지"),
    ("General caution", "일반 주의"),
    ("Dangerous curve to the left", "왼쪽 급커브"),
    ("Dangerous curve to the right", "오른쪽 급커브"),
    ("Double curve", "이중 커브"),
    ("Bumpy road", "울퉁불퉁한 도로"),
    ("Slippery road", "미끄러운 도로"),
    ("Road narrows on the right", "오른쪽 차로 좁아짐"),
    ("Road work", "도로 공사"),
    ("Traffic signals", "신호등"),
    ("Pedestrians", "보행자"),
    ("Children crossing", "어린이 보호"),
    ("Bicycles crossing", "자전거 횡단"),
    ("Beware of ice/snow", "결빙·눈 주의"),
    ("Wild animals crossing", "야생 동물 출현"),
    ("End of all speed and passing limits", "모든 속도·추월 제한 해제"),
    ("Turn right ahead", "전방 우회전"),
    ("Turn left ahead", "전방 좌회전"),
    ("Ahead only", "직진"),
    ("Go straight or right", "직진 또는 우회전"),
    ("Go straight or left", "직진 또는 좌회전"),
    ("Keep right", "우측 통행"),
    ("Keep left", "좌측 통행"),
    ("Roundabout mandatory", "회전 교차로"),
    ("End of no passing", "추월 금지 해제"),
    ("End of no passing by vehicles over 3.5 metric tons", "3.5톤 초과 차량 추월 금지 해제"),
]

CATS_AND_DOGS_CLASSES: list[tuple[str, str]] = [("cat", "고양이"), ("dog", "개")]


def class_names(
    pairs: Sequence[tuple[str, str]], lang: Literal["en", "ko", "both"] = "en"
) -> list[str]:
    """Return the names of (english, korean) pairs in one language, or both as 'English (한국어)'."""
    if lang == "en":
        return [en for en, _ in pairs]
    if lang == "ko":
        return [ko for _, ko in pairs]
    if lang == "both":
        return [f"{en} ({ko})" for en, ko in pairs]
    raise ValueError(f"lang must be 'en', 'ko' or 'both', got {lang!r}")
