# aiospec: description = chunked reader loop written with the walrus operator (while (chunk := await reader.read(n)):) over a fake async stream class, plus a positional-only helper; 3.8+ syntax; notice the chunk sizes and the running checksum
# aiospec: python = 3.8-3.15
import asyncio

PAYLOAD = "GET /index.html HTTP/1.1\r\nHost: example.org\r\nAccept: */*\r\n\r\n"


class FakeStream:
    def __init__(self, data, latency=0.004):
        self.data = data
        self.pos = 0
        self.latency = latency
        self.reads = 0

    async def read(self, n):
        await asyncio.sleep(self.latency)
        self.reads += 1
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk


def checksum(text, /, modulus=65521):
    a, b = 1, 0
    for ch in text:
        a = (a + ord(ch)) % modulus
        b = (b + a) % modulus
    return (b << 16) | a


async def read_all(reader, size):
    parts = []
    while (chunk := await reader.read(size)):
        parts.append(chunk)
        print(f"read {len(chunk):>2} chars, running checksum {checksum(''.join(parts)):#010x}")
    return "".join(parts)


async def main():
    reader = FakeStream(PAYLOAD)
    text = await read_all(reader, 16)
    print(f"{reader.reads} reads, {len(text)} chars, lines: {text.count(chr(10))}")
    if (first := text.splitlines()[0]).startswith("GET"):
        print("request line:", first)


asyncio.run(main())
