# aiospec: description = retry helper that gives up after N attempts and raises its own RetryError "from" the last failure; the error escapes asyncio.run, so the expected output ends with a chained traceback (direct cause)
# aiospec: python = 3.7-3.15
import asyncio


class UpstreamError(Exception):
    def __init__(self, service, status):
        super().__init__(f"{service} answered {status}")
        self.service = service
        self.status = status


class RetryError(Exception):
    pass


async def call_payment_service(attempt):
    await asyncio.sleep(0.01 * attempt)
    raise UpstreamError("payments", 500 + attempt)


async def with_retries(func, attempts=3, pause=0.02):
    errors = []
    for attempt in range(1, attempts + 1):
        try:
            return await func(attempt)
        except UpstreamError as exc:
            errors.append(exc.status)
            print(f"attempt {attempt}/{attempts} failed: {exc}")
            if attempt < attempts:
                await asyncio.sleep(pause * attempt)
            else:
                raise RetryError(f"giving up after {attempts} attempts, statuses={errors}") from exc


async def main():
    print("charging card...")
    receipt = await with_retries(call_payment_service)
    print("receipt:", receipt)


asyncio.run(main())
