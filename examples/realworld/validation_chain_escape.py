# aiospec: description = an import pipeline converts parse errors into its own ValidationError with "raise ... from", the caller inspects __cause__ for a report and then re-raises; the chained error escapes asyncio.run, so the traceback shows both exceptions
# aiospec: python = 3.7-3.15
import asyncio


class ValidationError(Exception):
    def __init__(self, line_no, field, value):
        super().__init__("line %d: bad %s %r" % (line_no, field, value))
        self.line_no = line_no


async def parse_line(line_no, line):
    await asyncio.sleep(0.005)
    name, qty, price = line.split(",")
    try:
        return name.strip(), int(qty), float(price)
    except ValueError as exc:
        field = "quantity" if not qty.strip().isdigit() else "price"
        raise ValidationError(line_no, field, (qty if field == "quantity" else price).strip()) from exc


async def import_csv(lines):
    rows = []
    for n, line in enumerate(lines, start=1):
        rows.append(await parse_line(n, line))
        print("imported", rows[-1])
    return rows


async def main():
    csv_lines = ["apple, 3, 0.5", "pear, 10, 0.25", "plum, x2, 1.0", "kiwi, 1, 0.9"]
    try:
        await import_csv(csv_lines)
    except ValidationError as err:
        print(f"import failed at line {err.line_no}: {err}")
        print(f"  caused by {type(err.__cause__).__name__}: {err.__cause__}")
        print(f"  context is cause: {err.__context__ is err.__cause__}")
        raise


asyncio.run(main())
