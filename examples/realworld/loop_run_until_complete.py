# aiospec: description = older-style entry point: loop = asyncio.new_event_loop(); loop.run_until_complete(main()); loop.close(), used by a small batch importer that gathers chunk uploads; notice the return value of run_until_complete and loop.is_closed()
# aiospec: python = 3.7-3.15
import asyncio


async def upload_chunk(index, size):
    await asyncio.sleep(0.01 * (index % 3 + 1))
    return size


async def main(chunks):
    sizes = await asyncio.gather(*(upload_chunk(i, s) for i, s in enumerate(chunks)))
    total = sum(sizes)
    print(f"uploaded {len(sizes)} chunks, {total} bytes")
    return total


chunks = [512, 1024, 256, 2048, 128]
loop = asyncio.new_event_loop()
try:
    total = loop.run_until_complete(main(chunks))
    print("run_until_complete returned", total)
    again = loop.run_until_complete(main(chunks[:2]))
    print("second run on the same loop returned", again)
finally:
    loop.close()
print("loop closed:", loop.is_closed())
