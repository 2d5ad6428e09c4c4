"""Text normalisation shared by the corpus, its tests and everything that reads people's input."""

from __future__ import annotations

import re
import unicodedata

# Half-width punctuation in the transcription stands for the notice's full-width marks.
_FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"})
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》、"
# Spaces next to a CJK character or mark are layout, not wording.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")


def clean_transcription(text: str) -> str:
    """Clean a transcribed line without touching its wording.

    Drops stray ``**`` emphasis markers, uses full-width Chinese punctuation and removes
    the spaces the transcription put between Chinese and digits.
    """
    text = text.replace("**", "").translate(_FULL_WIDTH)
    return _SPACE_NEAR_CJK.sub("", text).strip()


def canonical(text: str) -> str:
    """The form two texts are compared in to prove nothing was dropped or invented.

    Whitespace of every kind (page breaks included) is removed after cleaning, so a word
    split over a page break compares equal to the joined word.
    """
    return re.sub(r"\s+", "", clean_transcription(text))


def normalise_input(text: str) -> str:
    """Normalise a person's input: NFKC folds full-width digits and letters (８００万 → 800万)."""
    return unicodedata.normalize("NFKC", text).strip()
