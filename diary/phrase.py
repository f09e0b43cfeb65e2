"""What a patient types after `diary eat` or `diary drink`, read into what and how much.

"a mug of tea", "2 bananas", "banana 2", "half a glass of milk", "3 glasses of water",
"coconut water 330ml", "330ml coconut water", "a pint of cider", "a large glass of red
wine", "2 slices of toast", "a couple of biscuits", "banana 1 cup sliced", "09040 150g";
without a count too ("cup of tea", "large fries"), and "tea x2", "2 x apples".

`read_phrase` gives the possible readings, most likely first; which food the words name
and what a measure weighs is decided by diary.intake. Standard library only (the
logging path imports it). Bad shapes of an amount ("-5g", "5 %") are ValueErrors that
name the amount, as diary.amounts reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diary.amounts import NUMBER_START, UNIT_ALIASES, Amount, is_ndb, parse_amount, parse_number
from diary.foods.household import DOUBLE, MEASURE_WORDS, SIZE_FACTORS, SIZE_WORDS

# Counts said in words. "a few" and "some" are not counts: "some" is one serving, "a few" is refused.
WORD_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "half": 0.5, "quarter": 0.25, "a couple": 2, "couple": 2,
    "a couple of": 2, "couple of": 2, "a pair of": 2, "a dozen": 12, "dozen": 12, "a half": 0.5, "half a": 0.5,
    "half an": 0.5, "a quarter": 0.25, "a quarter of": 0.25, "quarter of": 0.25, "one and a half": 1.5,
    "a half of": 0.5, "half of": 0.5, "third": 1 / 3, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "two-thirds": 2 / 3, "three quarters": 0.75, "three-quarters": 0.75, "one quarter": 0.25,
}
TIMES = {"twice": "2", "thrice": "3"}
VAGUE_WORDS = ("a few", "few", "several", "a bit of", "a little", "lots of", "a lot of")
# Portion words of the food table itself ("2 slices of toast", "a clove of garlic"): the
# food's own measure of that name is used; "serving" and its kin mean its natural serving.
PORTION_WORDS: dict[str, str] = {
    "slice": "slice", "slices": "slice", "rasher": "slice", "rashers": "slice", "piece": "piece",
    "pieces": "piece", "wedge": "wedge", "wedges": "wedge", "clove": "clove", "cloves": "clove",
    "ear": "ear", "ears": "ear", "stick": "stick", "sticks": "stick", "stalk": "stalk", "stalks": "stalk",
    "fillet": "fillet", "fillets": "fillet", "leaf": "leaf", "leaves": "leaf", "square": "square",
    "squares": "square", "cube": "cube", "cubes": "cube", "link": "link", "links": "link", "patty": "patty",
    "patties": "patty", "spear": "spear", "spears": "spear",
    "serving": "serving", "servings": "serving", "portion": "serving", "portions": "serving",
    "helping": "serving", "helpings": "serving", "side": "serving", "sides": "serving",
    "strip": "slice", "strips": "slice", "round": "slice", "rounds": "slice",
}
SERVING = "serving"
# Size words said of a food with no measure ("a big apple", "a huge steak"): its own large or
# small portion. Not "thin", "thick", "tall", "double": those start names ("thin crust pizza").
# Measure words that also start names of foods ("a double cheeseburger", "a single cream"): the
# whole is tried as a name after the measure.
NAME_MEASURES = frozenset({"double", "single"})
BARE_SIZES = frozenset({"big", "bigger", "tiny", "smaller", "huge", "giant", "massive", "enormous"})
# The food table's portion names of sizes: "a large banana" is its "large" measure.
PORTION_SIZES = ("small", "medium", "large", "extra large", "extra small", "jumbo", "mini")
_FILLER = {"some", "fresh", "my", "of", "the"}


@dataclass(frozen=True)
class Reading:
    """One way to read the typed words.

    `what` names the food ("" when none was named, as in `diary drink 500ml`). How much:
    `amount` (a unit amount or the food's own portion, "330 ml", "2 medium", "1 cup,
    sliced"); or `quantity` of a `measure` (a household measure "glass", a portion word
    "slice", or "serving") of `size` ("small", "large"); or a bare `quantity` (a count:
    "2 bananas"); or nothing (one natural serving). `said` is the whole as typed, tidied;
    `how_much` the amount part of it ("a mug", "2", "330 ml").
    """

    what: str
    said: str
    quantity: float | None = None
    measure: str | None = None
    size: str | None = None
    amount: Amount | None = None
    how_much: str = ""
    bare: bool = False  # the amount was a bare number after the food ("apple 150"): a count, or g or ml

    @property
    def exact(self) -> bool:
        """True when the amount was given in units (g, ml, cup ...), so no "taken as" is needed."""
        return self.amount is not None and bool(self.amount.unit)


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _count_prefix(words: list[str]) -> tuple[float | None, int]:
    """(count, words used) of a count at the start: "2", "1/2", "½", "a", "half a", "a couple of",
    "two and a half", "3/4 of a" (the "of a" of a fraction said before its measure)."""
    count, used = _count_only(words)
    if count is None:
        return None, 0
    extra = _and_a_half(words[used:])
    if extra:
        count, used = count + extra, used + 3
    after_of = used + (1 if words[used:used + 1] == ["of"] else 0)
    of_said = after_of > used or words[used - 1:used] == ["of"]
    if of_said and words[after_of:after_of + 1] in (["a"], ["an"], ["the"]) and (
            _measure_at(words[after_of + 1:]) is not None or (count < 1 and len(words) > after_of + 1)):
        used = after_of + 1  # "3/4 of a pint", "half of a glass": the fraction is the count of the measure
    return count, used


def _and_a_half(words: list[str]) -> float:
    """0.5 for "and a half" (0.25 for "and a quarter") at the start of `words`, else 0."""
    if words[:1] == ["and"] and words[1:2] in (["a"], ["an"]) and words[2:3] in (["half"], ["quarter"]):
        return 0.5 if words[2] == "half" else 0.25
    return 0.0


def _count_only(words: list[str]) -> tuple[float | None, int]:
    if not words:
        return None, 0
    for n in (4, 3, 2, 1):
        key = " ".join(words[:n])
        if n <= len(words) and key in WORD_NUMBERS:
            return float(WORD_NUMBERS[key]), n
    first = words[0]
    if first.startswith(NUMBER_START) and not is_ndb(first) and not first.endswith("%"):
        m = re.fullmatch(r"(\d+(?:[.,]\d+)?|\d+/\d+|[.]\d+|[½¼¾⅓⅔⅛])x?", first)
        if m:
            try:
                value = parse_number(m.group(1))
            except (ValueError, ZeroDivisionError):
                return None, 0
            # "1 1/2 cups": a whole and a fraction
            if len(words) > 1 and re.fullmatch(r"\d+/\d+", words[1]) and "/" not in m.group(1):
                return value + parse_number(words[1]), 2
            return value, 1
    return None, 0


def _unit_amount(words: list[str]) -> tuple[Amount, int] | None:
    """A unit amount at the start ("330ml", "330 ml", "8 fl oz", "1 cup", "2 tbsp") and the words it used."""
    if not words or not words[0].startswith(NUMBER_START) or is_ndb(words[0]):
        return None
    for n in (3, 2, 1):
        if n > len(words) or words[n - 1] == "of":
            continue
        try:
            amount = parse_amount(" ".join(words[:n]), portions_allowed=False)
        except ValueError:
            continue
        if amount.qualifier is None:
            return amount, n
    return None


def _measure_at(words: list[str]) -> tuple[str, int] | None:
    """A measure, unit or portion word at the start ("glasses", "slice", "cups", "juice box") and
    the words it used; units come back as their canonical name ("cup", "ml")."""
    for n in (2, 1):
        if n > len(words):
            continue
        key = " ".join(words[:n])
        for table in (MEASURE_WORDS, PORTION_WORDS, UNIT_ALIASES):
            if key in table:
                return table[key], n
    return None


def _food_part(words: list[str]) -> str:
    return " ".join(w for i, w in enumerate(words) if not (i == 0 and w in _FILLER))


def read_phrase(args: tuple[str, ...] | list[str]) -> list[Reading]:
    """The readings of WHAT [AMOUNT] words, most likely first.

    Raises ValueError for a vague amount ("a few") or a malformed one after the food
    ("banana -5g", "banana 5 %"), naming it.
    """
    text = _tidy(" ".join(a for a in args if a.strip()))
    if not text:
        return []
    words = text.split()
    if len(words) > 1 and re.fullmatch(r"[x×]\d+", words[-1].lower()):
        words[-1] = words[-1][1:]  # "tea x2": two teas
    if len(words) > 2 and words[-2].lower() in ("x", "×") and re.fullmatch(r"\d+", words[-1]):
        del words[-2]  # "a mug of tea x 2"
    if len(words) > 1 and words[-1].lower() in TIMES:
        words[-1] = TIMES[words[-1].lower()]  # "a mug of tea twice": two mugs
    if len(words) > 2 and words[1].lower() in ("x", "×") and words[0][:1].isdigit():
        del words[1]  # "2 x apples": two apples
    low = [w.lower() for w in words]
    for vague in VAGUE_WORDS:
        n = len(vague.split())
        if vague in ("a little", "little") and _measure_at(low[n:]) is not None:
            continue  # "a little glass of juice": a small glass
        if " ".join(low).startswith(vague + " ") or " ".join(low) == vague:
            raise ValueError(f"amount {vague!r} is not a number: say how many or how much, like 3 biscuits or 250ml")

    # amount first: "330ml coconut water", "1 cup of milk", "a 330ml can of coke"
    start = 1 if low[0] in ("a", "an") and len(low) > 1 and low[1][:1].isdigit() else 0
    unit = _unit_amount(low[start:])
    count_first = 0
    if unit is None and len(low) > 2 and re.fullmatch(r"\d{1,2}", low[0]) and low[1][:1].isdigit():
        count_first = 1  # "2 500ml bottles of water"
        unit = _unit_amount(low[1:])
    if unit is not None:
        # "330ml coconut water", "a 330ml can of coke", "2 500ml bottles of water" (two of the can)
        amount, used = unit
        first = max(start, count_first)
        rest = _skip_of(words[first + used:])
        measure = _measure_at([w.lower() for w in rest])
        contained = measure is not None and measure[0] in MEASURE_WORDS.values()
        if contained:
            assert measure is not None
            rest = _skip_of(rest[measure[1]:])  # the volume said is the amount of the can
        how_much = " ".join(words[:first + used])
        times = float(low[0]) if count_first else 1.0
        tail = [w for w in rest if w[:1].isdigit() and not is_ndb(w) and not w.endswith("%")]
        if tail and rest and rest[-1] == tail[-1]:  # "a 330ml can of coke 2": a number after the food too
            in_units = not re.fullmatch(r"\d+(?:\.\d+)?", rest[-1])  # "250ml milk 300ml"
            if in_units or not contained or count_first:
                raise ValueError(f"two amounts, {how_much!r} and {rest[-1]!r}: say one, like 2 x {how_much} or "
                                 f"{rest[-1]}")
            times, rest = float(rest[-1]), rest[:-1]
            how_much = f"{how_much} x {words[-1]}"
        if times != 1:
            amount = Amount(amount.quantity * times, amount.unit, f"{amount.quantity * times:g} {amount.unit}")
        return [Reading(_food_part(rest), text, amount=amount, how_much=how_much)]

    # a count first: "a mug of tea", "2 bananas", "half a glass of milk", "a large glass of wine"
    count, used = _count_prefix(low)
    if count is not None:
        sized = used + (1 if low[used:used + 1] and low[used] in SIZE_WORDS else 0)
        measure = _measure_at(low[sized:])
        extra = _and_a_half(low[sized + measure[1]:]) if measure is not None else 0.0
        if measure is not None and extra:  # "a pint and a half of milk": 1.5 pints
            end = sized + measure[1]
            words = [f"{count + extra:g}", *words[used:end], *words[end + 3:]]
            low = [w.lower() for w in words]
            count, used = count + extra, 1
        return _count_readings(count, words, used, text)

    # a measure or a size first, as if "a" were said: "cup of tea", "glass of wine", "large fries";
    # the words as a name come after ("large fries" might be a name of its own)
    if _measure_first(low):
        measured = [r for r in _count_readings(1.0, words, 0, text) if r.measure or r.amount]
        return [*measured, Reading(_food_part(words), text)]

    # the food first: "banana 2", "banana 2 medium", "coconut water 330ml", "beer 2 pints"
    for i in range(1, len(words)):
        if low[i].startswith(NUMBER_START) and not is_ndb(low[i]) and not low[i].endswith("%"):
            return [_tail_reading(" ".join(words[:i]), words[i:], text)]
    readings = [Reading(_food_part(words), text)]
    if len(words) > 1 and (low[-1] in PORTION_SIZES or _measure_at(low[-1:]) is not None):
        # "banana medium", "tea mug": the last word may be the amount
        readings.append(_tail_reading(" ".join(words[:-1]), words[-1:], text))
    return readings


def _measure_first(low: list[str]) -> bool:
    """Whether the words start with a measure and "of" ("cup of tea"), a size and a measure
    ("large glass of wine") or a size of the food's own ("large fries")."""
    if len(low) < 2:
        return False
    if low[0] in PORTION_SIZES:
        return True
    start = 1 if low[0] in SIZE_WORDS else 0
    measure = _measure_at(low[start:])
    return measure is not None and low[start + measure[1]:start + measure[1] + 1] == ["of"] and (
        len(low) > start + measure[1] + 1)


def _skip_of(words: list[str]) -> list[str]:
    return words[1:] if [w.lower() for w in words[:1]] == ["of"] else words


def _count_readings(count: float, words: list[str], used: int, text: str) -> list[Reading]:
    """The readings after a count: a measure or unit ("a mug of", "2 cups of"), a size of
    the food's own ("a large banana"), or just the food ("2 bananas")."""
    how = " ".join(words[:used])
    rest = words[used:]
    low = [w.lower() for w in rest]
    for i in range(1, len(low)):
        if low[i].startswith(NUMBER_START) and not is_ndb(low[i]) and not low[i].endswith("%"):
            # "an apple 150g", "a bottle of water 500ml": the amount said in units is the amount;
            # "a mug of tea 2": two mugs (a count times a count of the same measure)
            sized = 1 if low[0] in SIZE_WORDS and _measure_at(low[1:]) is not None else 0
            measure = _measure_at(low[sized:])
            food = _skip_of(rest[sized + measure[1]:i]) if measure is not None else rest[:i]
            tail = _tail_reading(_food_part(food), rest[i:], text)
            if measure is None and count != 1 and tail.amount is None and tail.quantity is not None:
                raise ValueError(f"two amounts, {how!r} and {tail.how_much!r}: say one, like "
                                 f"{how} {_food_part(food)}")  # "2 bananas 3"
            if measure is None or tail.amount is not None:
                return [tail]
            return [_two_counts(count, how, rest[:sized + measure[1]], measure[0], tail)]
    size = None
    heaped = low[:1] in (["heaped"], ["heaping"], ["rounded"])
    if low[:1] and low[0] in SIZE_WORDS and _measure_at(low[1:]) is not None:
        size, rest, low = SIZE_WORDS[low[0]] or None, rest[1:], low[1:]
        if size == DOUBLE:  # "a double portion": two of it
            count, size = count * 2, None
    measure = _measure_at(low)

    guessed = False
    if measure is None and len(low) > 2 and low[1] == "of":
        measure, guessed = (low[0], 1), True  # "an ear of corn": the food's own measure of that name
    if measure is not None and measure[0] in PORTION_WORDS.values() and not _skip_of(rest[measure[1]:]):
        measure = None  # "2 slices" alone names no food: the words are the food
    readings = []
    if measure is not None:
        name, n = measure
        after = _skip_of(rest[n:])
        how_much = " ".join(words[: len(words) - len(after)])
        how_much = how_much[:-3] if how_much.endswith(" of") else how_much
        if name in UNIT_ALIASES.values() and name not in MEASURE_WORDS:
            q = count * _unit_size(name, size, heaped, how_much)
            amount = Amount(q, name, f"{_fraction(q)} {name}" + ("s" if name == "cup" and q > 1 else ""))
            readings.append(Reading(_food_part(after), text, amount=amount, how_much=how_much))
        else:
            readings.append(Reading(_food_part(after), text, count, name, size, how_much=how_much))
    elif low and low[0] in PORTION_SIZES and len(low) > 1:
        readings.append(Reading(_food_part(rest[1:]), text, amount=_portion_amount(count, low[0]),
                                how_much=f"{how} {low[0]}".strip()))
    elif low and low[0] in BARE_SIZES and len(low) > 1:
        # "a big apple": its large one; "a huge apple": a portion the food does not have (refused, quoted)
        portion = SIZE_WORDS[low[0]] if SIZE_WORDS[low[0]] in PORTION_SIZES else low[0]
        readings.append(Reading(_food_part(rest[1:]), text, amount=_portion_amount(count, portion),
                                how_much=f"{how} {low[0]}".strip()))
    if rest and low[0] in NAME_MEASURES and measure is not None and len(rest) > 1:
        # "a double cheeseburger" is a name first; "a double whisky", not one, is then a measure
        readings.insert(0, Reading(_food_part(rest), text, count, how_much=how))
    elif rest and (measure is None or guessed or measure[0] in PORTION_WORDS.values()):
        # "2 bananas"; or, after a guessed measure, the whole as a name ("an ear of corn")
        readings.append(Reading(_food_part(rest), text, count, how_much=how))
    return readings


def _two_counts(count: float, how: str, measure_words: list[str], measure: str, tail: Reading) -> Reading:
    """"a mug of tea 2": one measure said, then a count of them (2 mugs). Two counts that are not
    one and many ("2 mugs of tea 3") are two amounts: a ValueError names both."""
    said = f"{how} {' '.join(measure_words)}".strip()
    if tail.bare and tail.measure is None and (tail.quantity or 0) >= BARE_UNITS_FROM:
        return tail  # "a glass of milk 300": the number is ml (or g), as a bare number after a food is
    if tail.measure is not None and tail.measure != measure:
        raise ValueError(f"two amounts, {said!r} and {tail.how_much!r}: say one, like 2 {measure_words[-1]} or "
                         f"{tail.how_much}")
    if count != 1 and tail.quantity != 1:
        raise ValueError(f"two amounts, {said!r} and {tail.how_much!r}: say one, like {tail.how_much} "
                         f"{measure_words[-1]}")
    assert tail.quantity is not None
    q = count * tail.quantity
    size = next((SIZE_WORDS[w.lower()] for w in measure_words if w.lower() in SIZE_WORDS), None) or None
    if size == DOUBLE:
        q, size = q * 2, None
    how_much = tail.how_much if tail.measure is not None else f"{said} x {tail.how_much}"
    return Reading(tail.what, tail.said, q, measure, size, how_much=how_much)


# From this, a bare number after a food or a measure of it is grams or ml, not a count
# (diary.measuring decides which, or asks).
BARE_UNITS_FROM = 20.0


def _unit_size(unit: str, size: str | None, heaped: bool, said: str) -> float:
    """What a size said before a unit multiplies it by: a heaped spoon holds about two level ones,
    a small or large cup the household table's factor for the size ("a large cup of coffee": 1.5
    cups); "a huge cup" is asked (ValueError)."""
    if heaped and unit in ("tsp", "tbsp"):
        return 2.0
    if size in SIZE_FACTORS:
        return SIZE_FACTORS[size][0]
    if size is not None:
        raise ValueError(f"amount {said!r}: how much is that? Say how much, like 2 cups or 500ml")
    return 1.0


def _fraction(q: float) -> str:
    """2/3 for 0.666..., 1.5 for 1.5: a quantity as people write it."""
    from fractions import Fraction

    f = Fraction(q).limit_denominator(8)
    return f"{q:g}" if f.denominator in (1, 2, 4) or abs(float(f) - q) > 1e-6 else str(f)


def _portion_amount(count: float, portion: str) -> Amount:
    return Amount(count, "", f"{count:g} {portion}", portion=portion)


def _tail_reading(what: str, tail: list[str], text: str) -> Reading:
    """The reading of an amount after the food: "2", "2 medium", "330ml", "1 cup sliced", "2 pints"."""
    low = [w.lower() for w in tail]
    count, used = _count_prefix(low)
    rest = low[used:]
    if count is not None and " ".join(rest) not in UNIT_ALIASES:
        if not rest:
            return Reading(what, text, count, how_much=" ".join(tail), bare=low[0][:1].isdigit())
        measure = _measure_at(rest)
        if measure is not None and measure[1] == len(rest):
            return Reading(what, text, count, measure[0], how_much=" ".join(tail))
    amount = parse_amount(" ".join(tail))  # raises ValueError for a malformed amount
    if not amount.unit and amount.portion in PORTION_WORDS:  # "toast 2 slices": the food's slices
        return Reading(what, text, amount.quantity, PORTION_WORDS[amount.portion], how_much=" ".join(tail))
    return Reading(what, text, amount=amount, how_much=" ".join(tail))
