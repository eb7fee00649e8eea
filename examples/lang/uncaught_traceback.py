# aiospec: description = An exception escaping asyncio.run: the traceback names the program's lines and asyncio's own, and chains the exception it was raised from.
# aiospec: rules = M5
import asyncio


class ConfigError(Exception):
    pass


def parse(text):
    return int(text)


async def load(text):
    await asyncio.sleep(0.5)
    try:
        return parse(text)
    except ValueError as e:
        raise ConfigError('bad port: ' + repr(text)) from e


async def main():
    port = await load('80a')
    print('port', port)

asyncio.run(main())
