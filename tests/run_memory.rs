//! A run gives back the memory of the objects it made, reference cycles included (SPEC M4:
//! the model's memory is bounded per run; `model/src/lang/teardown.rs`). A process that runs
//! many programs (`explore`, `check` on a folder, the fuzz campaign) must not grow with the
//! number of runs: before the teardown, every function held its module's namespace and the
//! namespace held the function, so a module-level `x = [0] * 10**6` leaked 16 MB a run (the
//! fuzz campaign's workers reached their 4 GiB limit after 37,000 inputs).
//!
//! This test binary counts the bytes it has allocated and not freed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Mutex;

use aiospec_model::{load_str, run, run_with_config, Config, FirstChoice, Impl, PyVersion};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::SeqCst);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Ordering::SeqCst);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new as isize - l.size() as isize, Ordering::SeqCst);
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static A: Counting = Counting;

/// One test at a time: the count is the whole process's.
static SERIAL: Mutex<()> = Mutex::new(());

/// Bytes still allocated after `runs` more runs of `src` than after the first (which may
/// fill caches that live for the process).
fn growth(src: &str, runs: usize) -> isize {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let p = load_str(src, "memory.py").expect("loads");
    let once = |v| {
        let t = run(&p, v).expect("runs");
        assert!(!t.events.is_empty(), "the program printed nothing:\n{src}");
    };
    once(PyVersion::new(13));
    let before = LIVE.load(Ordering::SeqCst);
    for _ in 0..runs {
        once(PyVersion::new(13));
    }
    LIVE.load(Ordering::SeqCst) - before
}

/// Each program keeps about 8 MB (a million ints at 8 bytes or more) behind a cycle; ten
/// runs leaking it would keep 80 MB. What may remain is the process's own caches (a few KB).
const SLACK: isize = 1 << 20;

fn assert_freed(what: &str, src: &str) {
    let g = growth(src, 10);
    assert!(
        g < SLACK,
        "{what}: 10 runs kept {g} bytes more than one run\n{src}"
    );
}

#[test]
fn m4_a_module_global_reached_by_a_function_is_freed() {
    // The function holds the module's namespace (its globals), which holds the function.
    assert_freed(
        "function <-> globals",
        "import asyncio\n\
         x = [0] * 1000000\n\
         async def main():\n\
         \x20   print(len(x))\n\
         asyncio.run(main())\n",
    );
}

#[test]
fn m4_a_list_that_contains_itself_is_freed() {
    assert_freed(
        "l.append(l)",
        "import asyncio\n\
         async def main():\n\
         \x20   l = [0] * 1000000\n\
         \x20   l.append(l)\n\
         \x20   print(len(l))\n\
         asyncio.run(main())\n",
    );
}

#[test]
fn m4_an_instance_that_refers_to_itself_and_its_class_are_freed() {
    // self.me = self; the class's methods reach the class through __class__ (super()).
    assert_freed(
        "instance and class cycles",
        "import asyncio\n\
         class Base:\n\
         \x20   def __init__(self):\n\
         \x20       self.data = [0] * 1000000\n\
         class Node(Base):\n\
         \x20   def __init__(self):\n\
         \x20       super().__init__()\n\
         \x20       self.me = self\n\
         async def main():\n\
         \x20   n = Node()\n\
         \x20   print(len(n.data))\n\
         asyncio.run(main())\n",
    );
}

#[test]
fn m4_an_exception_kept_with_its_handler_is_freed() {
    // The exception is stored in a dict the program keeps; the dict is also in the exception.
    assert_freed(
        "exception cycles",
        "import asyncio\n\
         kept = {}\n\
         async def main():\n\
         \x20   try:\n\
         \x20       raise ValueError([0] * 1000000)\n\
         \x20   except ValueError as e:\n\
         \x20       e.kept = kept\n\
         \x20       kept['e'] = e\n\
         \x20   print(len(kept))\n\
         asyncio.run(main())\n",
    );
}

#[test]
fn m4_a_deeply_nested_list_is_freed_without_recursion() {
    // 200,000 levels of [[[...]]] at module level: freed level by level, not by a recursive
    // drop (which would overflow the stack).
    assert_freed(
        "deep nesting",
        "import asyncio\n\
         l = [0] * 100000\n\
         for i in range(200000):\n\
         \x20   l = [l]\n\
         async def main():\n\
         \x20   print(len(l))\n\
         asyncio.run(main())\n",
    );
}

/// Values nested a million deep, freed in the middle of the run when the last name for them
/// is rebound: freeing them must not recurse once per level (SPEC M3), which overflowed the
/// Rust stack (and this test binary would abort). CPython frees them with its "trashcan".
#[test]
fn m3_freeing_values_nested_a_million_deep_does_not_overflow_the_stack() {
    let src = "import asyncio\n\
               class Node:\n\
               \x20   def __init__(self, next):\n\
               \x20       self.next = next\n\
               def nest(make):\n\
               \x20   x = None\n\
               \x20   for i in range(1000000):\n\
               \x20       x = make(x)\n\
               \x20   return 'freed'\n\
               print(nest(lambda x: [x]))\n\
               print(nest(lambda x: (x,)))\n\
               print(nest(lambda x: {1: x}))\n\
               print(nest(Node))\n\
               print(nest(lambda x: iter([x])))\n\
               print(nest(lambda x: {Node(x)}))\n\
               async def main():\n\
               \x20   print('done')\n\
               asyncio.run(main())\n";
    // On a thread with a small stack, as a test thread's (2 MiB): the old recursive free
    // needed some 100 bytes a level.
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let out = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let p = load_str(src, "deep.py").expect("loads");
            let config = Config {
                max_steps: 200_000_000,
                ..Config::default()
            };
            run_with_config(&p, PyVersion::new(13), Impl::C, &config, &mut FirstChoice)
                .unwrap_or_else(|e| panic!("{e}"))
                .stdout(false)
        })
        .expect("a thread")
        .join()
        .expect("no panic");
    assert_eq!(out, "freed\nfreed\nfreed\nfreed\nfreed\nfreed\ndone\n");
}
