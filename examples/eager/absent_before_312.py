# aiospec: description = Before 3.12 there are no eager tasks: asyncio.eager_task_factory and asyncio.create_eager_task_factory raise AttributeError.
# aiospec: rules = ET1
# aiospec: python = 3.7-3.11
import asyncio

for name in 'eager_task_factory', 'create_eager_task_factory':
    try:
        print(getattr(asyncio, name))
    except AttributeError as e:
        print('AttributeError', e)
