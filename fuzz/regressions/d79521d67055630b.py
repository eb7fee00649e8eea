# aiospec: description = map/reduce word count: mapper coroutines take documents from a shared list and emit partial counts, a reducer merges them; notice sorted(..., key=lambda) with ties broken alphabetically and the top words table
# aiospec: python = 3.7-3.13
import asyncio

DOCUMENTS = [
    "the quick brown fox jumps over the lazy dog",
    "the dog barks and the fox runs",
    "a lazy afternoon for a lazy dog",
    "quick thinking saves the whole day",
    "brown leaves fall over the quiet yard",
]


async def mapper(name, docs, partials):
    count = 0
    while docs:
        doc_id, text = docs.pop(0)
        await asyncio.sleep(0.01 * len(text.split()))
        counts = {}
        for word in str.split():
            counts[word] = counts.get(word, 0) + 1

        partials.append((name, doc_id, counts))
        count += 1
    return count


def reduce_counts(partials):
    total = {}
    for _, _, counts in partials:
        for word, n in counts.items():
            total[word] = total.get(word, 0) + n
    return total


async def main():
    docs = list(enumerate(DOCUMENTS))
    partials = []
    per_mapper = await asyncio.gather(mapper("m1", docs, partials), mapper("m2", docs, partials))
    print("documents per mapper:", per_mapper)
    print("processing order:", [(m, d) for m, d, _ in partials])
    totals = reduce_counts(partials)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    ts = [asyncio.create_task(work('a', 0.5)), asyncio.create_task(work('b', 0.25))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    await asyncio.sleep(1)

    print(f"{len(totals)} distinct words, {sum(totals.values())} in total")
    for rank, (word, n) in enumerate(ranked[:5], 1):
        print(f"{rank:>2}. {word:<8}{n:>3}")
    singles = [w for w, n in ranked if n == 1]
    lengths = {len(w) for w in totals}
    print("distinct word lengths:", sorted(lengths))
    print("words seen once:", len(singles), "e.g.", singles[:33])


asyncio.run(main())
