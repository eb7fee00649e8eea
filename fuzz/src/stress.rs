//! Adversarial statements and programs: recursion (plain, through coroutines, tasks,
//! reprs, comparisons, cancellation), huge and odd numbers, huge sizes, far and odd
//! timeouts, huge gathers and waits, deep data, long exception chains, asyncio misuse.
//! `{N}` is a size, `{X}` a number at the edges (`mutate::NUMBERS`), `{T}` a timeout.

use crate::corpus::Corpus;
use crate::mutate::NUMBERS;
use crate::rng::Rng;

/// Timeouts and delays: far, negative, not finite, near the virtual clock's precision.
const TIMEOUTS: &[&str] = &[
    "0",
    "-1",
    "1e-9",
    "0.1",
    "1",
    "86400",
    "86401",
    "1e7",
    "1.7e7",
    "2e7",
    "1e15",
    "1e16",
    "4.5e15",
    "1e20",
    "1e300",
    "1e308",
    "float('inf')",
    "float('nan')",
    "-float('inf')",
    "2**1000",
    "10**400",
    "None",
    "'1'",
    "True",
    "-0.0",
    "5e-324",
];

/// Statements for a coroutine body (they may use `await`).
const STATEMENTS: &[&str] = &[
    "def r(n):\n    return r(n + 1)\nr(0)",
    "def r(n):\n    try:\n        return r(n + 1)\n    except RecursionError:\n        return n\nprint(r(0))",
    "import sys\nsys.setrecursionlimit({N})\ndef r(n):\n    return n if n > {N} else r(n + 1)\nprint(r(0))",
    "async def ar(n):\n    return await ar(n + 1)\nawait ar(0)",
    "async def ar(n):\n    if n > {N}:\n        return n\n    return await ar(n + 1)\nprint(await ar(0))",
    "async def tr(n):\n    if n > {N}:\n        return n\n    return await asyncio.create_task(tr(n + 1))\nprint(await tr(0))",
    "await asyncio.gather(asyncio.current_task())",
    "await asyncio.wait([asyncio.current_task()])",
    "await asyncio.wait_for(asyncio.current_task(), {T})",
    "await asyncio.current_task()",
    "t = asyncio.current_task()\nt.cancel()\nawait asyncio.sleep(0)",
    "g = asyncio.gather(asyncio.sleep({T}))\ng.cancel()\nawait g",
    "async def a():\n    await b_task\nasync def b():\n    await a_task\na_task = asyncio.create_task(a())\nb_task = asyncio.create_task(b())\nawait asyncio.sleep(0)\na_task.cancel()\nawait asyncio.sleep(1)",
    "async def a():\n    await asyncio.gather(b_task)\nasync def b():\n    await asyncio.gather(a_task)\na_task = asyncio.create_task(a())\nb_task = asyncio.create_task(b())\nawait asyncio.sleep(0)\na_task.cancel()",
    "ts = []\nfor i in range({N}):\n    ts.append(asyncio.create_task(asyncio.sleep(0)))\n    if i:\n        ts[i] = asyncio.gather(ts[i - 1])\nts[-1].cancel()\nawait asyncio.sleep(0)",
    "await asyncio.sleep({T})",
    "await asyncio.sleep({T}, result={X})",
    "await asyncio.wait_for(asyncio.sleep({T}), {T})",
    "await asyncio.wait([asyncio.create_task(asyncio.sleep({T}))], timeout={T})",
    "await asyncio.wait([asyncio.create_task(asyncio.sleep({T}))], return_when={X})",
    "asyncio.get_event_loop().call_later({T}, print, 1)\nawait asyncio.sleep({T})",
    "asyncio.get_running_loop().call_at({T}, print, 1)",
    "print(asyncio.get_running_loop().time() + {T})",
    "await asyncio.gather(*[asyncio.sleep(0) for _ in range({N})])",
    "await asyncio.gather(*[asyncio.sleep({T}) for _ in range({N})], return_exceptions=True)",
    "await asyncio.wait([asyncio.create_task(asyncio.sleep(0)) for _ in range({N})])",
    "for _ in range({N}):\n    asyncio.create_task(asyncio.sleep({T}))",
    "while True:\n    await asyncio.sleep(0)",
    "while True:\n    pass",
    "for i in range({X}):\n    pass",
    "print({X} + {X}, {X} - {X}, {X} * {X}, {X} / {X})",
    "print({X} // {X}, {X} % {X}, divmod({X}, {X}), {X} ** {X})",
    "print({X} << {X}, {X} >> {X}, {X} & {X}, {X} | {X}, {X} ^ {X}, ~{X}, -{X}, abs({X}))",
    "print({X} == {X}, {X} < {X}, {X} <= {X} < {X}, hash({X}), round({X}), round({X}, {X}))",
    "print(int({X}), float({X}), str({X}), repr({X}), bool({X}), format({X}, ','), '%d' % {X})",
    "print(pow({X}, {X}, {X}), max({X}, {X}), min([{X}]), sum([{X}, {X}]), len(str({X})))",
    "print(2 ** {N})",
    "print(len(str(2 ** {N})))",
    "print(10 ** {N} % 7)",
    "print(1 << {N})",
    "print(int('9' * {N}))",
    "print(float(10 ** {N}))",
    "print((-2 ** 63) // -1, (-2 ** 63) % -1, divmod(-2 ** 63, -1))",
    "print('x' * {N})",
    "print(len('x' * {N}))",
    "print(len([0] * {N}))",
    "print(len([[0] * {N}] * {N}))",
    "print(len(list(range({N}))))",
    "print(range({X}, {X}, {X}))",
    "print(len(range({X}, {X})))",
    "print(range({N})[{X}])",
    "print(range({X})[{X}:{X}:{X}])",
    "print('x'.center({N}), 'x'.ljust({X}), 'x'.zfill({N}))",
    "print('{:>{N}}'.format(1))",
    "print(f'{1:{N}}')",
    "print('%{N}d' % 1)",
    "print(sorted(range({N}), reverse=True)[:3])",
    "print(len(set(range({N}))))",
    "print(len({i: i for i in range({N})}))",
    "x = []\nfor _ in range({N}):\n    x = [x]\nprint(x)",
    "x = []\nfor _ in range({N}):\n    x = [x]\nprint(x == x, len(str(x)))",
    "x = ()\nfor _ in range({N}):\n    x = (x,)\nprint(hash(x))",
    "x = {}\nfor _ in range({N}):\n    x = {1: x}\nprint(repr(x)[:10])",
    "x = []\nx.append(x)\nprint(x, x == x)",
    "d = {}\nd[1] = d\nprint(d)",
    "x = []\nfor _ in range({N}):\n    x = [x]\ny = []\nfor _ in range({N}):\n    y = [y]\nprint(x == y, x < y)",
    "s = 'x'\nfor _ in range({N}):\n    s = s + s\nprint(len(s))",
    "l = [0]\nfor _ in range({N}):\n    l = l + l\nprint(len(l))",
    "l = [0]\nfor _ in range({N}):\n    l.extend(l)\nprint(len(l))",
    "class A:\n    def __repr__(self):\n        return repr(self)\nprint(A())",
    "class A:\n    def __eq__(self, o):\n        return self == o\nprint(A() == A())",
    "class A:\n    def __hash__(self):\n        return {X}\nprint(hash(A()))",
    "class A:\n    def __len__(self):\n        return {X}\nprint(len(A()))",
    "class A:\n    def __index__(self):\n        return {X}\nprint(range(A()))",
    "class A:\n    def __getattr__(self, n):\n        return getattr(self, n)\nprint(A().x)",
    "class A:\n    def __await__(self):\n        return (yield from self.__await__())\nawait A()",
    "class A:\n    def __bool__(self):\n        raise RecursionError\nprint(not A())",
    "e = None\nfor i in range({N}):\n    try:\n        raise ValueError(i) from e\n    except ValueError as x:\n        e = x\nraise e",
    "e = None\nfor i in range({N}):\n    try:\n        try:\n            raise KeyError(i)\n        finally:\n            raise ValueError(i)\n    except ValueError as x:\n        e = x\nraise e",
    "def g(n):\n    if n:\n        yield from g(n - 1)\n    yield n\nprint(sum(g({N})))",
    "print(sum(x for x in range({N})))",
    "print([[y for y in range(3)] for x in range({N})][-1])",
    "f = lambda n: f(n + 1)\nf(0)",
    "exec('print(1)')",
    "print(eval('1+1'))",
    "asyncio.run(asyncio.sleep(0))",
    "asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))",
    "asyncio.get_event_loop().run_forever()",
    "asyncio.get_event_loop().stop()",
    "asyncio.get_event_loop().close()",
    "raise SystemExit({X})",
    "import sys\nsys.exit({X})",
    "raise KeyboardInterrupt",
    "raise BaseException({X})",
    "raise StopIteration",
    "raise GeneratorExit",
    "raise asyncio.CancelledError({X})",
    "print(asyncio.current_task().cancel({X}), asyncio.current_task().cancelling())",
    "t = asyncio.create_task(asyncio.sleep({T}))\nfor _ in range({N}):\n    t.cancel()\nprint(t.cancelling())\nfor _ in range({N}):\n    t.uncancel()",
    "import random\nrandom.seed({X})\nprint(random.random(), random.randint(0, {X}), random.uniform({X}, {X}))",
    "import time\ntime.sleep({T})\nprint(time.monotonic())",
    "import math\nprint(math.ceil({X}), math.floor({X}), math.sqrt({X}), math.isqrt({X}))",
    "print(chr({X}), ord('x' * {N}))",
    "print(bytes({N})[:1], bytearray({X}))",
    "print(list(zip(*[range(2)] * {N}))[:1])",
    "print(str(1.0 * {X}), repr({X} * 1.0), {X} / 3)",
    "print(-{X} // 0.1, {X} % 0.1, 7.0 // 0.1, 7.0 % 0.1)",
    "print(1 < 3 < 2, -True, 1 in [True], 'abc'[True], [1, 2][True])",
    "del asyncio",
    "asyncio = None",
    "global asyncio\nasyncio = 1",
    "print = None",
    "nonlocal x",
    "yield",
    "return {X}",
    "await {X}",
    "async with {X}:\n    pass",
    "async for i in {X}:\n    pass",
    "assert {X}, {X}",
    "del {X}",
    "x: int = {X}\nprint(x)",
    "x = y = z = {X}\nx += y\nx -= z\nx *= {X}\nx **= {X}\nx //= {X}\nx %= {X}",
    "a, *b = {X}",
    "print(*{X}, **{X})",
    "print(*range({N}))",
    "print(len((0,) * {N}))",
    "f = open('/etc/passwd')",
    "import os",
    "print(__import__('sys').getrecursionlimit())",
    "print(id(1), hash('x'), hash(1.5), hash(None))",
    "print({1, 2, 3, 'a', 'b', (1,)})",
    "print(set(str(i) for i in range({N})) == set())",
];

/// Fill a template's `{N}`, `{X}` and `{T}`.
fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(p) = rest.find('{') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        if let Some(after) = tail.strip_prefix("{N}") {
            out.push_str(&rng.size().to_string());
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{X}") {
            let x: &&str = rng.pick(NUMBERS);
            out.push_str(x);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{T}") {
            let t: &&str = rng.pick(TIMEOUTS);
            out.push_str(t);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// One adversarial statement (several lines, indented relative to the first).
pub fn statement(rng: &mut Rng, corpus: &Corpus) -> String {
    if rng.chance(1, 6) {
        // A line of the corpus with its numbers at the edges.
        let l = rng.pick(&corpus.lines).trim().to_string();
        return crate::mutate::mutate_once(&l, rng, corpus);
    }
    let t: &&str = rng.pick(STATEMENTS);
    fill(t, rng)
}

/// A whole program: adversarial statements in a coroutine run by asyncio.run (or at module
/// level, or under run_until_complete / run_forever).
pub fn program(rng: &mut Rng, corpus: &Corpus) -> String {
    let n = rng.range(1, 4);
    let stmts: Vec<String> = (0..n).map(|_| statement(rng, corpus)).collect();
    let body = |pad: &str| {
        stmts
            .iter()
            .flat_map(|s| {
                s.split('\n')
                    .map(|l| format!("{pad}{l}"))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    match rng.below(6) {
        0 => format!("import asyncio\n\n{}\n", body("")),
        1 => format!(
            "import asyncio\n\n\nasync def main():\n{}\n\nloop = asyncio.new_event_loop()\nprint(loop.run_until_complete(main()))\nloop.close()\n",
            body("    ")
        ),
        2 => format!(
            "import asyncio\n\n\nasync def main():\n{}\n\nloop = asyncio.new_event_loop()\nloop.create_task(main())\nloop.call_later({}, loop.stop)\nloop.run_forever()\n",
            body("    "),
            rng.pick(TIMEOUTS)
        ),
        3 => format!(
            "import asyncio\n\n\nasync def child(i):\n{}\n    return i\n\n\nasync def main():\n    print(await asyncio.gather(*[child(i) for i in range(3)], return_exceptions=True))\n\nasyncio.run(main())\n",
            body("    ")
        ),
        _ => format!(
            "import asyncio\n\n\nasync def main():\n{}\n\nasyncio.run(main())\n",
            body("    ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled() {
        let c = Corpus::from_programs(vec![]);
        let mut rng = Rng::new(5);
        for _ in 0..500 {
            let p = program(&mut rng, &c);
            assert!(
                !p.contains("{N}") && !p.contains("{X}") && !p.contains("{T}"),
                "{p}"
            );
        }
    }
}
