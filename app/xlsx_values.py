"""The computed value of every formula in our workbooks, stored beside the formula.

openpyxl writes a formula as ``<f>`` alone, without the cached ``<v>`` a spreadsheet stores, so a
viewer that does not recalculate (file previews, phones' quick-look viewers, pandas,
``openpyxl.load_workbook(data_only=True)``) shows empty totals. :func:`formula_values` evaluates
the formulas Cavalier itself writes, by the spreadsheet's rules, and :func:`save_with_values` saves
the workbook with each result as its formula's cached value, and each chart with the values it
draws (its series' caches). Excel recalculates when it opens the file (openpyxl's
``fullCalcOnLoad``); LibreOffice, by default, shows the cached values as they are and recalculates
a formula once a cell it depends on changes.

The formula itself is what is evaluated: the value stored is what the formula gives, never a copy
of the model's figure. Only what our workbooks use is understood: numbers, ``"text"``, references
and ranges (also on another sheet), ``+ - * / ^ & = <> < <= > >=``, and SUM, SUMIF (a plain text
or number criterion), COUNT, IF, AND, N, ROUND. A formula using anything else, or one on which
Excel and LibreOffice disagree (a boolean summed or joined to a text, a text typed in SUM), is
left without a value, and so is every formula that depends on it: nothing is guessed.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.chart._chart import ChartBase
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumRef,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.series import Series
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class FormulaError:
    """A spreadsheet error value (``#DIV/0!``, ``#VALUE!``) a formula gives."""

    code: str


Value = float | str | bool | FormulaError | None  # None: an empty cell
_DIV0, _VALUE = FormulaError("#DIV/0!"), FormulaError("#VALUE!")


class UnsupportedFormula(ValueError):
    """A formula outside the set this module evaluates (it gets no cached value)."""


@dataclass(frozen=True)
class _Range:
    """What a reference stands for before an operator takes its value: its cells' values."""

    values: tuple[Value, ...]

    def single(self) -> Value:
        if len(self.values) != 1:
            raise UnsupportedFormula("plage utilisée comme une seule valeur")
        return self.values[0]


_TOKEN = re.compile(r"""
    \s*(?:
      (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<string>"(?:[^"]|"")*")
    | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?
              \$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])
    | (?P<function>[A-Za-z][A-Za-z0-9.]*)\(
    | (?P<boolean>TRUE|FALSE)(?![\w(])
    | (?P<operator><>|<=|>=|[-+*/^&=<>(),])
    )""", re.VERBOSE | re.IGNORECASE)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def _tokens(formula: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = formula.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.lastgroup is None:
            raise UnsupportedFormula(f"formule non comprise : {formula}")
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    return tokens


def _cell_index(cell: str) -> tuple[int, int]:
    match = _CELL.fullmatch(cell)
    if match is None:
        raise UnsupportedFormula(f"référence non comprise : {cell}")
    return int(match.group(2)), column_index_from_string(match.group(1).upper())


# --- values by the spreadsheet's rules ---------------------------------------------------------

def _number(value: Value) -> float | FormulaError:
    """A value as an operand of arithmetic: empty is 0, text must read as a number."""
    if isinstance(value, FormulaError):
        return value
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return _VALUE
    return float(value)


def _text(value: Value) -> str | FormulaError:
    if isinstance(value, FormulaError):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):  # « TRUE » in Excel, « 1 » in LibreOffice
        raise UnsupportedFormula("valeur logique dans un texte")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def _truth(value: Value) -> bool | FormulaError:
    if isinstance(value, FormulaError):
        return value
    if isinstance(value, str):
        if value.upper() in ("TRUE", "FALSE"):
            return value.upper() == "TRUE"
        return _VALUE
    return bool(value)


def _kind(value: Value) -> int:
    return 2 if isinstance(value, bool) else 1 if isinstance(value, str) else 0


def _compare(op: str, left: Value, right: Value) -> Value:
    for side in (left, right):
        if isinstance(side, FormulaError):
            return side
    if left is None:  # an empty cell equals "", 0 and FALSE, whichever it meets
        left = "" if isinstance(right, str) else False if isinstance(right, bool) else 0.0
    if right is None:
        right = "" if isinstance(left, str) else False if isinstance(left, bool) else 0.0
    a: object = left.casefold() if isinstance(left, str) else left
    b: object = right.casefold() if isinstance(right, str) else right
    if _kind(left) != _kind(right):  # numbers < text < booleans
        a, b = _kind(left), _kind(right)
    result = {"=": a == b, "<>": a != b, "<": a < b, "<=": a <= b,  # type: ignore[operator]
              ">": a > b, ">=": a >= b}[op]  # type: ignore[operator]
    return bool(result)


def _arithmetic(op: str, left: Value, right: Value) -> Value:
    a, b = _number(left), _number(right)
    if isinstance(a, FormulaError):
        return a
    if isinstance(b, FormulaError):
        return b
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return _DIV0 if b == 0 else a / b
    try:
        return float(a ** b)
    except (OverflowError, ZeroDivisionError, TypeError):
        return FormulaError("#NUM!")


# --- functions -----------------------------------------------------------------------------------

Argument = Value | _Range


def _numbers_of(args: Sequence[Argument]) -> Iterator[float | FormulaError]:
    """Numbers the way SUM and COUNT see them: a reference's text and blanks are skipped; a
    number typed as an argument counts. Excel and LibreOffice disagree on a boolean in a
    reference and on a text typed as an argument: those are left unevaluated."""
    for arg in args:
        if isinstance(arg, _Range):
            for value in arg.values:
                if isinstance(value, bool):
                    raise UnsupportedFormula("valeur logique dans une plage")
                if isinstance(value, FormulaError | float):
                    yield value
        elif isinstance(arg, str):
            raise UnsupportedFormula("texte en argument de SOMME ou NB")
        else:
            yield _number(arg)


def _sum(args: Sequence[Argument]) -> Value:
    total = 0.0
    for number in _numbers_of(args):
        if isinstance(number, FormulaError):
            return number
        total += number
    return total


def _count(args: Sequence[Argument]) -> Value:
    return float(sum(1 for n in _numbers_of(args) if not isinstance(n, FormulaError)))


def _scalar(arg: Argument) -> Value:
    return arg.single() if isinstance(arg, _Range) else arg


def _if(args: Sequence[Argument]) -> Value:
    if len(args) not in (2, 3):
        raise UnsupportedFormula("SI attend 2 ou 3 arguments")
    condition = _truth(_scalar(args[0]))
    if isinstance(condition, FormulaError):
        return condition
    chosen = _scalar(args[1]) if condition else _scalar(args[2]) if len(args) == 3 else False
    return 0.0 if chosen is None else chosen


def _and(args: Sequence[Argument]) -> Value:
    result = True
    for arg in args:
        values = arg.values if isinstance(arg, _Range) else (arg,)
        for value in values:
            if value is None or (isinstance(arg, _Range) and isinstance(value, str)):
                continue
            truth = _truth(value)
            if isinstance(truth, FormulaError):
                return truth
            result = result and truth
    return result


def _n(args: Sequence[Argument]) -> Value:
    if len(args) != 1:
        raise UnsupportedFormula("N attend 1 argument")
    value = _scalar(args[0])
    if isinstance(value, FormulaError):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    return value if isinstance(value, float) else 0.0


def _round(args: Sequence[Argument]) -> Value:
    if len(args) != 2:
        raise UnsupportedFormula("ARRONDI attend 2 arguments")
    number, digits = _number(_scalar(args[0])), _number(_scalar(args[1]))
    if isinstance(number, FormulaError):
        return number
    if isinstance(digits, FormulaError):
        return digits
    if not math.isfinite(number):
        return FormulaError("#NUM!")
    # half away from zero, on the decimal the number shows (not its binary expansion)
    step = Decimal(1).scaleb(-int(digits))
    return float(Decimal(repr(number)).quantize(step, rounding=ROUND_HALF_UP))


def _sumif(args: Sequence[Argument]) -> Value:
    if len(args) != 3 or not isinstance(args[0], _Range) or not isinstance(args[2], _Range):
        raise UnsupportedFormula("SOMME.SI attend une plage, un critère et une plage")
    tested, summed = args[0].values, args[2].values
    if len(tested) != len(summed):
        raise UnsupportedFormula("SOMME.SI : plages de tailles différentes")
    criterion = _scalar(args[1])
    if isinstance(criterion, FormulaError):
        return criterion
    if criterion is None or isinstance(criterion, bool) or (
            isinstance(criterion, str) and (criterion == "" or criterion[0] in "<>="
                                            or any(c in criterion for c in "*?~"))):
        raise UnsupportedFormula("SOMME.SI : seul un critère texte ou nombre simple est compris")
    total = 0.0
    for test, value in zip(tested, summed, strict=True):
        if isinstance(criterion, str):
            hit = isinstance(test, str) and test.casefold() == criterion.casefold()
        else:
            hit = isinstance(test, float) and not isinstance(test, bool) and test == criterion
        if hit:
            if isinstance(value, FormulaError):
                return value
            if isinstance(value, bool):
                raise UnsupportedFormula("valeur logique dans une plage")
            if isinstance(value, float):
                total += value
    return total


_FUNCTIONS: dict[str, Callable[[Sequence[Argument]], Value]] = {
    "SUM": _sum, "COUNT": _count, "IF": _if, "AND": _and, "N": _n, "ROUND": _round,
    "SUMIF": _sumif,
}


# --- parsing and evaluating one formula -------------------------------------------------------

Resolver = Callable[[str, str], _Range]  # (sheet title, « A1 » or « A1:B5 ») -> values


class _Parser:
    """Recursive descent over the tokens, evaluating as it goes (Excel's precedence: comparison,
    then ``&``, then ``+ -``, then ``* /``, then ``^``, then unary minus)."""

    def __init__(self, formula: str, sheet: str, resolve: Resolver) -> None:
        self.formula = formula
        self.tokens = _tokens(formula)
        self.operators = [text if kind == "operator" else "" for kind, text in self.tokens]
        self.operators.append("")  # the end
        self.position = 0
        self.sheet = sheet
        self.resolve = resolve

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise UnsupportedFormula(f"formule incomplète : {self.formula}")
        self.position += 1
        return token

    def expect(self, text: str) -> None:
        if self.take() != ("operator", text):
            raise UnsupportedFormula(f"« {text} » attendu : {self.formula}")

    def at(self, *texts: str) -> str | None:
        operator = self.operators[self.position]
        return operator if operator and operator in texts else None

    def run(self) -> Value:
        result = self.comparison()
        if self.peek() is not None:
            raise UnsupportedFormula(f"formule non comprise : {self.formula}")
        value = _scalar(result)
        return 0.0 if value is None else value  # a formula showing an empty cell shows 0

    def comparison(self) -> Argument:
        left = self.concatenation()
        while op := self.at("=", "<>", "<", "<=", ">", ">="):
            self.take()
            left = _compare(op, _scalar(left), _scalar(self.concatenation()))
        return left

    def concatenation(self) -> Argument:
        left = self.additive()
        while self.at("&"):
            self.take()
            a, b = _text(_scalar(left)), _text(_scalar(self.additive()))
            left = a if isinstance(a, FormulaError) else b if isinstance(b, FormulaError) \
                else a + b
        return left

    def additive(self) -> Argument:
        left = self.multiplicative()
        while op := self.at("+", "-"):
            self.take()
            left = _arithmetic(op, _scalar(left), _scalar(self.multiplicative()))
        return left

    def multiplicative(self) -> Argument:
        left = self.power()
        while op := self.at("*", "/"):
            self.take()
            left = _arithmetic(op, _scalar(left), _scalar(self.power()))
        return left

    def power(self) -> Argument:
        left = self.unary()
        while self.at("^"):
            self.take()
            left = _arithmetic("^", _scalar(left), _scalar(self.unary()))
        return left

    def unary(self) -> Argument:
        if op := self.at("-", "+"):
            self.take()
            operand = _scalar(self.unary())
            return _arithmetic("-", 0.0, operand) if op == "-" else operand
        return self.primary()

    def primary(self) -> Argument:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "boolean":
            return text.upper() == "TRUE"
        if kind == "ref":
            return _reference(text, self.sheet, self.resolve)
        if kind == "function":
            function = _FUNCTIONS.get(text.upper())
            if function is None:
                raise UnsupportedFormula(f"fonction {text} non comprise")
            args: list[Argument] = []
            if not self.at(")"):
                args.append(self.comparison())
                while self.at(","):
                    self.take()
                    args.append(self.comparison())
            self.expect(")")
            return function(args)
        if (kind, text) == ("operator", "("):
            inner = self.comparison()
            self.expect(")")
            return inner
        raise UnsupportedFormula(f"formule non comprise : {self.formula}")


def _reference(text: str, sheet: str, resolve: Resolver) -> _Range:
    """The values of a reference token (``E5``, ``'Une feuille'!$E$1:$E$9``) on ``sheet``."""
    on, _, cells = text.rpartition("!")
    if on.startswith("'"):
        on = on[1:-1].replace("''", "'")
    return resolve(on or sheet, cells)


def evaluate(formula: str, *, sheet: str, resolve: Resolver) -> Value:
    """The value of ``formula`` (``=…``) written on ``sheet``; ``resolve`` gives the values of a
    reference. Raises :class:`UnsupportedFormula` for anything outside the module's set."""
    if not formula.startswith("="):
        raise UnsupportedFormula(f"pas une formule : {formula}")
    return _Parser(formula[1:], sheet, resolve).run()


# --- a workbook's formulas -------------------------------------------------------------------

class _Book:
    """A workbook's cell values, each formula evaluated once, when first needed."""

    def __init__(self, wb: Workbook) -> None:
        self.sheets: dict[str, Worksheet] = {ws.title: ws for ws in wb.worksheets}
        self.done: dict[tuple[str, int, int], Value] = {}
        self.unsupported: set[tuple[str, int, int]] = set()
        self.running: set[tuple[str, int, int]] = set()

    def cell_value(self, title: str, row: int, col: int) -> Value:
        key = (title, row, col)
        if key in self.done:
            return self.done[key]
        if key in self.unsupported:
            raise UnsupportedFormula("dépend d'une formule non comprise")
        ws = self.sheets.get(title)
        if ws is None:
            raise UnsupportedFormula(f"feuille « {title} » absente")
        cell = ws._cells.get((row, col))  # read only: ws.cell() would create the cell
        raw = None if cell is None else cell.value
        if cell is None or raw is None:
            return None
        if cell.data_type != "f":
            if isinstance(raw, bool | str):
                return raw
            if isinstance(raw, int | float):
                return float(raw)
            raise UnsupportedFormula(f"valeur {type(raw).__name__} dans un calcul")
        if key in self.running:
            raise UnsupportedFormula("référence circulaire")
        self.running.add(key)
        try:
            value = evaluate(str(raw), sheet=title, resolve=self.resolve)
        except UnsupportedFormula:
            self.unsupported.add(key)
            raise
        except RecursionError as exc:  # a chain of formulas deeper than Python's stack
            self.unsupported.add(key)
            raise UnsupportedFormula("chaîne de formules trop longue") from exc
        finally:
            self.running.discard(key)
        self.done[key] = value
        return value

    def resolve(self, title: str, cells: str) -> _Range:
        first, _, last = cells.partition(":")
        (r1, c1), (r2, c2) = _cell_index(first), _cell_index(last or first)
        rows = range(min(r1, r2), max(r1, r2) + 1)
        cols = range(min(c1, c2), max(c1, c2) + 1)
        return _Range(tuple(self.cell_value(title, r, c) for r in rows for c in cols))

    def reference(self, text: str) -> tuple[Value, ...]:
        """The values of a chart's reference such as ``'Budget'!$E$81:$E$83``."""
        tokens = _tokens(text)
        if len(tokens) != 1 or tokens[0][0] != "ref" or "!" not in text:
            raise UnsupportedFormula(f"référence non comprise : {text}")
        return _reference(text, "", self.resolve).values

    def formula_values(self) -> dict[str, dict[str, Value]]:
        values: dict[str, dict[str, Value]] = {}
        for title, ws in self.sheets.items():
            found = values.setdefault(title, {})
            for (row, col), cell in sorted(ws._cells.items()):
                if cell.data_type == "f" and isinstance(cell.value, str):
                    try:
                        found[cell.coordinate] = self.cell_value(title, row, col)
                    except UnsupportedFormula:
                        continue
        return values


def formula_values(wb: Workbook) -> dict[str, dict[str, Value]]:
    """The value of every formula cell of ``wb`` it can evaluate: sheet title → cell → value
    (cells whose formula, or a formula they depend on, is outside the set are left out)."""
    return _Book(wb).formula_values()


# --- the charts' caches --------------------------------------------------------------------------

def _numbers(values: Sequence[Value]) -> NumData:
    points = [NumVal(idx=i, v=v) for i, v in enumerate(values)
              if isinstance(v, float) and not isinstance(v, bool) and math.isfinite(v)]
    return NumData(ptCount=len(values), pt=points)


def _texts(values: Sequence[Value]) -> StrData:
    return StrData(ptCount=len(values),
                   pt=[StrVal(idx=i, v=_shown(v)) for i, v in enumerate(values) if v is not None])


def _shown(value: Value) -> str:
    text = _text(value)
    return text.code if isinstance(text, FormulaError) else text


def cache_chart_data(wb: Workbook, book: _Book | None = None) -> None:
    """Store in each chart of ``wb`` the values its series show (the names, categories and
    numbers of its references), as a spreadsheet does: a viewer that draws the chart from the
    file without computing the sheet draws it whole. A series whose references cannot all be
    evaluated keeps no cache."""
    book = book or _Book(wb)
    for ws in wb.worksheets:
        charts: list[ChartBase] = getattr(ws, "_charts", [])
        for chart in charts:
            for series in chart.series:
                try:
                    _cache_series(series, book)
                except UnsupportedFormula:
                    continue


def _cache_series(series: Series, book: _Book) -> None:
    if series.val is not None and series.val.numRef is not None:
        series.val.numRef.numCache = _numbers(book.reference(series.val.numRef.f))
    category = series.cat
    if category is not None:
        ref = category.numRef or category.strRef
        if ref is not None and ref.f:
            labels = book.reference(ref.f)
            if any(isinstance(v, str) for v in labels):  # text categories are a string list
                series.cat = AxDataSource(strRef=StrRef(f=ref.f, strCache=_texts(labels)))
            else:
                series.cat = AxDataSource(numRef=NumRef(f=ref.f, numCache=_numbers(labels)))
    if series.tx is not None and series.tx.strRef is not None and series.tx.strRef.f:
        series.tx.strRef.strCache = _texts(book.reference(series.tx.strRef.f))


# --- writing the values into the saved file ---------------------------------------------------

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A formula cell as openpyxl writes it: no type, the formula, an empty value.
_FORMULA_CELL = re.compile(
    rb'<c r="(?P<ref>[A-Z]+[0-9]+)"(?P<attrs>(?:\s+s="\d+")?)\s*>'
    rb"(?P<f><f>[^<]*</f>)(?:<v\s*/>|<v></v>)</c>")


def _sheet_parts(files: Mapping[str, bytes]) -> dict[str, str]:
    """Sheet title → the zip member of its XML, read from the workbook and its relationships."""
    rels = ElementTree.fromstring(files["xl/_rels/workbook.xml.rels"])
    targets = {}
    for rel in rels.findall("pr:Relationship", _NS):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") \
            else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id", "")] = part
    book = ElementTree.fromstring(files["xl/workbook.xml"])
    return {sheet.get("name", ""): targets.get(sheet.get(_R_ID, ""), "")
            for sheet in book.findall("m:sheets/m:sheet", _NS)}


def _cached(value: Value) -> tuple[str, str] | None:
    """The cell type attribute and ``<v>`` text of a value (None: nothing to store)."""
    if isinstance(value, FormulaError):
        return ' t="e"', value.code
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, str):
        return ' t="str"', escape(value)
    if value is None or not math.isfinite(value):
        return None
    return "", str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _with_values(xml: bytes, values: Mapping[str, Value]) -> bytes:
    def put(match: re.Match[bytes]) -> bytes:
        ref = match.group("ref").decode("ascii")
        cached = _cached(values[ref]) if ref in values else None
        if cached is None:
            return match.group(0)
        kind, text = cached
        return (b'<c r="' + match.group("ref") + b'"' + match.group("attrs") + kind.encode()
                + b">" + match.group("f") + b"<v>" + text.encode("utf-8") + b"</v></c>")

    return _FORMULA_CELL.sub(put, xml)


def with_cached_values(data: bytes, values: Mapping[str, Mapping[str, Value]]) -> bytes:
    """The xlsx ``data`` (as openpyxl saved it) with ``values`` stored as its formulas' cached
    values; every other member of the archive is copied unchanged."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = source.infolist()
        files = {info.filename: source.read(info) for info in members}
    for title, part in _sheet_parts(files).items():
        if part in files and values.get(title):
            files[part] = _with_values(files[part], values[title])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in members:
            target.writestr(info, files[info.filename], compress_type=info.compress_type)
    return out.getvalue()


def save_with_values(wb: Workbook) -> bytes:
    """The xlsx bytes of ``wb``, each formula of ours carrying its computed value and each chart
    the values it shows."""
    book = _Book(wb)
    values = book.formula_values()
    cache_chart_data(wb, book)
    buffer = io.BytesIO()
    wb.save(buffer)
    return with_cached_values(buffer.getvalue(), values)
