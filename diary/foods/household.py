"""Household measures: how much "a glass", "a mug", "a pint", "a handful" is, when the
food table has no such portion for a food. One reviewed table, each row with its reason.

A row gives the measure as an amount the food table can weigh ("250 ml", "1.5 cup",
"30 g"), for a kind of food or drink (the everyday-names table's `kind`; "*" for any),
in a unit system: 'uk', 'us' or 'any'. Only where UK and US containers differ (pint,
can, a bottle of beer or cider, a shot of spirits) does the system matter; it comes from
`diary profile --units`, else from the timezone's country where that is clear
(`units_from_timezone`), else the patient is asked.

Standard library only (the logging path reads it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One household measure: `amount` of a food of `kind` ("*": any) in `units`
    ('any', 'uk', 'us'), for `size` (None, "small", "large"). An amount of None says the
    measure is not a sensible default for that kind (a bottle of spirits) and is refused."""

    unit: str
    amount: str | None
    reason: str
    kind: str = "*"
    units: str = "any"
    size: str | None = None


# The reviewed table. Sources: UK Weights and Measures (Intoxicating Liquor) Order 1988
# (wine by the glass 125/175 ml, spirits 25 or 35 ml, beer and cider by the 1/3, 1/2 pint or
# pint); US NIAAA "standard drink" (12 fl oz beer, 5 fl oz wine, 1.5 fl oz spirits); the
# imperial pint 568.26 ml and US pint 473.18 ml; NHS 5 A Day portions (80 g of fresh fruit,
# 30 g of dried fruit); USDA SR28's own servings. Where none applies, the reasoning is said.
MEASURES: tuple[Measure, ...] = (
    Measure("glass", "250 ml", "a drinking glass (tumbler) holds 200-300 ml; 250 ml is the usual round figure"),
    Measure("glass", "150 ml", "a small tumbler or juice glass", size="small"),
    Measure("glass", "350 ml", "a large tumbler, 12 fl oz", size="large"),
    Measure("glass", "200 ml", "juice is poured in smaller glasses than water: 150-250 ml", kind="juice"),
    Measure("glass", "5 fl oz", "a standard glass of wine: 5 fl oz (148 ml) in the US (NIAAA); UK pubs pour "
            "125, 175 or 250 ml", kind="wine"),
    Measure("glass", "125 ml", "UK small glass of wine (125 ml)", kind="wine", size="small"),
    Measure("glass", "250 ml", "UK large glass of wine (250 ml)", kind="wine", size="large"),
    Measure("glass", "50 ml", "a glass of spirits poured neat at home is about a UK double (50 ml); a pub's "
            "single is 25 ml (say a shot)", kind="spirit"),
    Measure("glass", "25 ml", "a small glass of spirits is a single measure (UK 25 ml)", kind="spirit",
            size="small"),
    Measure("glass", "75 ml", "a glass of port, sherry or a liqueur: UK law serves them by 50 or 70 ml, a home "
            "pour is 50-75 ml; not a 5 fl oz glass of table wine", kind="fortified"),
    Measure("glass", "50 ml", "a small glass of port or sherry (a UK 50 ml measure)", kind="fortified",
            size="small"),
    Measure("glass", "125 ml", "a large glass of port or sherry (a schooner filled)", kind="fortified",
            size="large"),
    Measure("bottle", "750 ml", "a bottle of port or sherry holds 75 cl", kind="fortified"),
    Measure("shot", "50 ml", "a measure of port or sherry in the UK is 50 ml", kind="fortified"),
    Measure("bottle", "330 ml", "a small bottle of water or a soft drink holds 330 ml (US 12 fl oz, 355 ml, "
            "is within 10 %)", size="small"),
    Measure("bottle", "1 l", "a large bottle of water or a soft drink drunk by one person: 1 l (sports bottles "
            "750 ml, family bottles 1.5-2 l; give ml for those)", size="large"),
    Measure("bottle", "275 ml", "a small bottle of beer or cider in the UK (a 'stubby') holds 275 ml", kind="beer",
            units="uk", size="small"),
    Measure("bottle", "7 fl oz", "a small bottle of beer in the US (a 'pony') holds 7 fl oz (207 ml)", kind="beer",
            units="us", size="small"),
    Measure("bottle", "500 ml", "a large bottle of beer in the UK holds 500 ml", kind="beer", units="uk",
            size="large"),
    Measure("bottle", "22 fl oz", "a large bottle of beer in the US (a 'bomber') holds 22 fl oz (651 ml)",
            kind="beer", units="us", size="large"),
    Measure("bottle", None, "a small bottle of wine is 187 ml or 375 ml: say which in ml", kind="wine",
            size="small"),
    Measure("bottle", None, "a large bottle of wine is a magnum (1.5 l), rarely one person's: say ml", kind="wine",
            size="large"),
    Measure("bottle", None, "a bottle of spirits holds 70-75 cl: say how many shots or ml", kind="spirit",
            size="small"),
    Measure("bottle", None, "a bottle of spirits holds 70-75 cl: say how many shots or ml", kind="spirit",
            size="large"),
    Measure("bottle", None, "a bottle of milk is a pint to several litres: say a glass, or ml", kind="milk",
            size="small"),
    Measure("bottle", None, "a bottle of milk is a pint to several litres: say a glass, or ml", kind="milk",
            size="large"),
    Measure("glass", "568 ml", "beer or cider by the glass in the UK is a pint (568 ml)", kind="beer", units="uk"),
    Measure("glass", "16 fl oz", "beer by the glass in the US is a 16 fl oz pint glass", kind="beer", units="us"),
    Measure("glass", "568 ml", "cider by the glass in the UK is a pint (568 ml)", kind="cider", units="uk"),
    Measure("glass", "16 fl oz", "cider by the glass in the US is a 16 fl oz pint glass", kind="cider", units="us"),
    Measure("mug", "350 ml", "a mug holds about 350 ml (12 fl oz) as drunk"),
    Measure("mug", "250 ml", "a small mug or teacup", size="small"),
    Measure("mug", "450 ml", "a large mug (15 fl oz)", size="large"),
    Measure("can", "330 ml", "drinks cans in the UK and Europe hold 330 ml", units="uk"),
    Measure("can", "12 fl oz", "drinks cans in the US hold 12 fl oz (355 ml)", units="us"),
    Measure("can", "440 ml", "UK beer and cider cans usually hold 440 ml", kind="beer", units="uk"),
    Measure("can", "440 ml", "UK beer and cider cans usually hold 440 ml", kind="cider", units="uk"),
    Measure("can", None, "energy drink cans differ by brand (250 to 500 ml): give ml", kind="energy"),
    Measure("can", "400 g", "a UK tin of baked beans holds 400-415 g", kind="tinned", units="uk"),
    Measure("can", "15 oz", "a US can of beans holds 15-16 oz (425-454 g)", kind="tinned", units="us"),
    Measure("can", "400 g", "a UK tin of ready-to-serve soup holds 400 g", kind="soup", units="uk"),
    Measure("can", "2 cup", "a US can of condensed soup makes about 2 cups with its can of water", kind="soup",
            units="us"),
    Measure("bottle", "500 ml", "water and soft drinks come in 500 ml bottles (US 16.9 fl oz = 500 ml)"),
    Measure("bottle", "330 ml", "UK and European beer bottles hold 330 ml", kind="beer", units="uk"),
    Measure("bottle", "12 fl oz", "US beer bottles hold 12 fl oz (355 ml)", kind="beer", units="us"),
    Measure("bottle", "500 ml", "UK cider bottles hold 500 ml", kind="cider", units="uk"),
    Measure("bottle", "12 fl oz", "US hard cider bottles hold 12 fl oz (355 ml)", kind="cider", units="us"),
    Measure("bottle", "750 ml", "a bottle of wine holds 75 cl in the UK, Europe and the US", kind="wine"),
    Measure("bottle", None, "a bottle of spirits holds 70-75 cl: say how many shots or ml", kind="spirit"),
    Measure("bottle", None, "a bottle of milk is a pint to several litres: say a glass, or ml", kind="milk"),
    Measure("pint", "568 ml", "an imperial pint is 568 ml", units="uk"),
    Measure("pint", "16 fl oz", "a US pint is 16 fl oz (473 ml)", units="us"),
    Measure("shot", "25 ml", "a UK single measure of spirits is 25 ml (some bars pour 35 ml)", kind="spirit",
            units="uk"),
    Measure("shot", "1.5 fl oz", "a US shot of spirits is 1.5 fl oz (44 ml), the NIAAA standard drink", kind="spirit",
            units="us"),
    Measure("shot", "1 fl oz", "a shot of espresso is about 1 fl oz (30 ml)", kind="hot"),
    Measure("double", "50 ml", "a UK double measure of spirits is 50 ml (two 25 ml singles)", kind="spirit",
            units="uk"),
    Measure("double", "3 fl oz", "a US double is two 1.5 fl oz shots", kind="spirit", units="us"),
    Measure("double", "2 fl oz", "a double espresso is about 2 fl oz", kind="hot"),
    Measure("shot", None, "a shot of anything but spirits or espresso: say ml", kind="*"),
    Measure("carton", "200 ml", "a single carton of juice or milk (a juice box) holds 200 ml (US 6.75 fl oz)"),
    Measure("bowl", "1.5 cup", "a bowl of soup, cereal, porridge or salad holds about 1.5 cups (355 ml)"),
    Measure("bowl", "1 cup", "a small bowl (a dessert or cereal bowl filled) holds about a cup", size="small"),
    Measure("bowl", "2 cup", "a large bowl (a pasta or big soup bowl) holds about 2 cups", size="large"),
    Measure("bowl", "50 g", "a bowl of dry breakfast cereal is about 50 g as poured (packs give 30-45 g portions; "
            "light flakes fill 1.5 cups at 42 g, but 1.5 cups of granola would be 180 g)", kind="cereal"),
    Measure("bowl", "30 g", "a small bowl of dry breakfast cereal: a pack's 30 g portion", kind="cereal",
            size="small"),
    Measure("bowl", "75 g", "a large bowl of dry breakfast cereal, about 75 g", kind="cereal", size="large"),
    Measure("plate", "2 cup", "a dinner plate of pasta, rice or stew: about 2 cups"),
    Measure("plate", "1.5 cup", "a small (side or child's) plate: about 1.5 cups", size="small"),
    Measure("plate", "3 cup", "a large (piled) dinner plate: about 3 cups", size="large"),
    Measure("handful", "20 g", "a small handful of nuts, sweets or crisps: about 20 g", size="small"),
    Measure("handful", "45 g", "a large handful of nuts, sweets or crisps: about 45 g", size="large"),
    Measure("handful", "50 g", "a small handful of grapes or berries: about 50 g", kind="berries", size="small"),
    Measure("handful", "120 g", "a large handful of grapes or berries: about 120 g", kind="berries", size="large"),
    Measure("handful", "50 g", "a small handful of fruit pieces: about 50 g", kind="fruit", size="small"),
    Measure("handful", "120 g", "a large handful of fruit pieces: about 120 g", kind="fruit", size="large"),
    Measure("pot", None, "a large pot of yoghurt is a family pot (450-500 g): say how much, like 150g",
            kind="yogurt", size="large"),
    Measure("can", "500 ml", "a large (tall) can in the UK holds 500 ml", units="uk", size="large"),
    Measure("can", "16 fl oz", "a large (tall) can in the US holds 16 fl oz (473 ml)", units="us", size="large"),
    Measure("can", "150 ml", "a small (mini) can in the UK holds 150 ml", units="uk", size="small"),
    Measure("can", "7.5 fl oz", "a small (mini) can in the US holds 7.5 fl oz (222 ml)", units="us", size="small"),
    Measure("handful", "30 g", "a handful of nuts, seeds, dried fruit, sweets or crisps is about 30 g (NHS: 30 g of "
            "dried fruit is one portion)"),
    Measure("handful", "80 g", "a handful of grapes, berries or cherries is about 80 g, one NHS '5 A Day' portion "
            "of fresh fruit", kind="berries"),
    Measure("handful", "80 g", "a handful of fresh fruit in pieces (apple slices, pineapple chunks) is about 80 g, one "
            "NHS '5 A Day' portion", kind="fruit"),
    Measure("pinch", "0.0625 tsp", "a pinch is 1/16 teaspoon (the 'pinch' of US measuring-spoon sets)"),
    Measure("dash", "0.125 tsp", "a dash is 1/8 teaspoon (the 'dash' of US measuring-spoon sets)"),
    Measure("splash", "2 tbsp", "a splash of milk in tea or coffee is about 2 tablespoons (30 ml)"),
    Measure("spoonful", "1 tbsp", "a spoonful of food is a tablespoon (15 ml); say tsp for a teaspoon"),
    Measure("spoonful", "1 tsp", "a spoonful of sugar, salt or spice is a teaspoon", kind="seasoning"),
    Measure("spoonful", "2 tbsp", "a heaped spoonful holds about twice a level one", size="large"),
    Measure("spoonful", "1 tsp", "a small spoonful is a teaspoon", size="small"),
    Measure("spoonful", "0.5 tsp", "a small spoonful of sugar, salt or spice is half a teaspoon", kind="seasoning",
            size="small"),
    Measure("carton", "200 ml", "a small carton (a juice box) holds 150-250 ml; 200 ml is the usual", size="small"),
    Measure("carton", None, "a large carton holds a litre or more, rarely one drink: say ml or glasses",
            size="large"),
    Measure("spoonful", "2 tsp", "a heaped spoonful of sugar or a powder: about two level teaspoons",
            kind="seasoning", size="large"),
    Measure("dessertspoon", "2 tsp", "a dessertspoon is 10 ml (two teaspoons)"),
    Measure("knob", "10 g", "a knob of butter is about 10 g (UK cookery's 'knob'), enough for a slice of toast"),
    Measure("dollop", "2 tbsp", "a dollop is a heaped spoonful, about 2 tablespoons (30 ml) of cream, yoghurt or "
            "ketchup"),
    Measure("squirt", "1 tbsp", "a squirt of ketchup, mayonnaise or sauce from a bottle is about a tablespoon"),
    Measure("drizzle", "1 tsp", "a drizzle of oil, honey or syrup is about a teaspoon (5 ml)"),
    Measure("pot", "150 g", "a pot of yoghurt holds 120-150 g in the UK (US containers are 6 oz, 170 g)",
            kind="yogurt"),
    Measure("pot", "2 cup", "a pot of tea or coffee for one pours about two cups (a teapot for one holds 400-500 ml)",
            kind="hot"),
    Measure("pot", "125 g", "a small pot of yoghurt holds 100-125 g", kind="yogurt", size="small"),
    Measure("packet", "1 oz", "a single bag of crisps or chips: UK 25-35 g, a US snack bag 1 oz (28 g)",
            kind="crisps"),
    Measure("packet", "25 g", "a small bag of crisps (a multipack bag) holds 25 g", kind="crisps", size="small"),
    Measure("packet", "150 g", "a large (sharing) bag of crisps or chips holds 150-200 g", kind="crisps",
            size="large"),
    Measure("packet", "1 oz", "a small bag of nuts is about 1 oz (28 g)", kind="nuts"),
    Measure("bar", "1.55 oz", "a chocolate bar: 1.55 oz (44 g) in the US, 45 g in the UK", kind="chocolate"),
    Measure("sip", "1 tbsp", "a sip of a drink is about a tablespoon (10-20 ml)"),
    Measure("mouthful", "2 tbsp", "a mouthful (a gulp, a swig) of a drink is about 30 ml"),
    Measure("flask", "500 ml", "a flask (thermos) of tea, coffee or soup for one holds about 500 ml"),
    Measure("flute", "125 ml", "a flute of champagne or prosecco holds 125 ml as poured", kind="wine"),
    Measure("scoop", "0.5 cup", "a scoop of ice cream is about 1/2 cup (USDA's serving)", kind="ice cream"),
)

# What people call each measure (plural, other words for it), mapped to its row's unit.
MEASURE_WORDS: dict[str, str] = {
    "glass": "glass", "glasses": "glass", "tumbler": "glass", "tumblers": "glass",
    "mug": "mug", "mugs": "mug", "mugful": "mug",
    "can": "can", "cans": "can", "tin": "can", "tins": "can",
    "bottle": "bottle", "bottles": "bottle",
    "pint": "pint", "pints": "pint",
    "shot": "shot", "shots": "shot", "measure": "shot", "measures": "shot", "single": "shot", "singles": "shot",
    "double": "double", "doubles": "double",
    "carton": "carton", "cartons": "carton", "juice box": "carton",
    "bowl": "bowl", "bowls": "bowl", "bowlful": "bowl", "bowlfuls": "bowl",
    "plate": "plate", "plates": "plate", "plateful": "plate", "platefuls": "plate",
    "handful": "handful", "handfuls": "handful",
    "pinch": "pinch", "pinches": "pinch", "dash": "dash", "dashes": "dash", "splash": "splash", "splashes": "splash",
    "spoonful": "spoonful", "spoonfuls": "spoonful", "spoon": "spoonful", "spoons": "spoonful",
    "dessertspoon": "dessertspoon", "dessertspoons": "dessertspoon", "dessertspoonful": "dessertspoon",
    "knob": "knob", "knobs": "knob", "dollop": "dollop", "dollops": "dollop", "squirt": "squirt",
    "squirts": "squirt", "drizzle": "drizzle",
    "pot": "pot", "pots": "pot", "tub": "pot", "tubs": "pot",
    "packet": "packet", "packets": "packet", "bag": "packet", "bags": "packet", "pack": "packet", "packs": "packet",
    "bar": "bar", "bars": "bar",
    "scoop": "scoop", "scoops": "scoop",
    "sip": "sip", "sips": "sip", "mouthful": "mouthful", "mouthfuls": "mouthful", "gulp": "mouthful",
    "gulps": "mouthful", "swig": "mouthful", "swigs": "mouthful", "flask": "flask", "flasks": "flask",
    "thermos": "flask", "flute": "flute", "flutes": "flute",
}
# The food table's own portion words that say the same, tried first for foods: a
# yoghurt's "container (6 oz)" is its pot, a chocolate's "bar (1.55 oz)" its bar.
OWN_PORTION_WORDS: dict[str, tuple[str, ...]] = {
    "pot": ("container", "pot"), "packet": ("bag", "package", "packet", "pouch"), "bar": ("bar",),
    "can": ("can",), "bottle": ("bottle",), "scoop": ("scoop",), "carton": ("carton", "box"),
    "dash": ("dash",), "pinch": ("pinch",),
}
# Containers whose size the household table decides for a drink, before the food's own
# portions (USDA's "can" of cola is a US can, which a UK can is not).
DRINK_CONTAINERS = frozenset({"glass", "mug", "can", "bottle", "pint", "shot", "carton"})
# Size words before a measure ("a large glass", "a tall glass", "a small portion"). "medium" and its
# kin are the measure itself; "double" is two of it; "huge" and its kin have no size in any
# table, so they are asked (no row has size "huge").
SIZE_WORDS: dict[str, str] = {"small": "small", "little": "small", "smaller": "small", "tiny": "small",
                              "large": "large", "big": "large", "tall": "large", "bigger": "large",
                              "larger": "large", "medium": "", "regular": "", "normal": "", "standard": "",
                              "average": "", "double": "double", "huge": "huge", "giant": "huge", "massive": "huge",
                              "enormous": "huge", "heaped": "large", "heaping": "large", "rounded": "large",
                              "level": "", "thin": "small", "thick": "large"}
DOUBLE = "double"
# A small or large portion of a food the table has no such portion of ("a small portion of
# chips"): its natural serving times this factor. USDA's fast-food fries are the model: small
# 71 g, medium 117 g, large 154 g (0.6 and 1.3 of the medium); UK chip-shop portions run about
# 2/3 and 1.5 of a regular one. (factor, as said, reason)
SIZE_FACTORS: dict[str, tuple[float, str, str]] = {
    "small": (2 / 3, "2/3", "a small portion is about 2/3 of a regular one (fast-food fries: 71 g of 117 g)"),
    "large": (1.5, "1.5", "a large portion is about 1.5 regular ones (fast-food fries: 154 g of 117 g; "
                          "UK chip shops' large about 1.5 regular)"),
}

# Timezones whose country settles pint and can: the UK and Ireland (imperial pint, 330 ml
# can) and the US. Canada is left out on purpose: a US-size can but an imperial pint by law.
UK_ZONES = frozenset({"Europe/London", "Europe/Belfast", "Europe/Dublin", "Europe/Guernsey", "Europe/Jersey",
                      "Europe/Isle_of_Man", "GB", "GB-Eire", "Eire"})
_CANADA = frozenset({
    "America/Toronto", "America/Vancouver", "America/Montreal", "America/Edmonton", "America/Winnipeg",
    "America/Halifax", "America/Regina", "America/St_Johns", "America/Whitehorse", "America/Yellowknife",
    "America/Iqaluit", "America/Moncton", "America/Glace_Bay", "America/Goose_Bay", "America/Dawson_Creek",
    "America/Creston", "America/Fort_Nelson", "America/Swift_Current", "America/Rankin_Inlet", "America/Resolute",
    "America/Cambridge_Bay", "America/Inuvik", "America/Dawson", "America/Atikokan", "America/Blanc-Sablon",
    "America/Nipigon", "America/Thunder_Bay", "America/Rainy_River", "America/Pangnirtung",
})
UNITS_NAMES = {"uk": "UK", "us": "US"}


def units_from_timezone(zone: str) -> str | None:
    """'uk' or 'us' when the timezone's country settles pint and can, else None."""
    if zone in UK_ZONES:
        return "uk"
    if zone.startswith("US/") or zone in ("Pacific/Honolulu", "America/Puerto_Rico") or (
            zone.startswith("America/") and zone not in _CANADA):
        return "us"
    return None


def measure_options(unit: str, kind: str, size: str | None) -> list[Measure]:
    """The rows that may say how much a measure of a kind of food is: one with units
    'any', or one per unit system ('uk', 'us'). The kind's own rows come first; a unit
    system they leave out takes the row for any kind ("a can of beer" in the US is any
    US can). Empty: the household table has no such measure."""
    rows = [m for m in MEASURES if m.unit == unit and m.size == size]
    own = [m for m in rows if m.kind == kind and kind != "*"]
    if any(m.units == "any" for m in own):
        return [m for m in own if m.units == "any"][:1]
    covered = {m.units for m in own}
    general = [m for m in rows if m.kind == "*" and m.units not in covered]
    if own and any(m.units == "any" for m in general):
        general = [m for m in general if m.units == "any"]
        return own + [Measure(g.unit, g.amount, g.reason, g.kind, u, g.size) for g in general
                      for u in ("uk", "us") if u not in covered]
    return sorted(own + general, key=lambda m: m.units)


def choose_measure(options: list[Measure], units: str | None) -> Measure | None:
    """The row of `options` for the unit system `units`; None when the systems differ and
    `units` is unknown (then the patient is asked)."""
    for m in options:
        if m.units in ("any", units):
            return m
    return None
