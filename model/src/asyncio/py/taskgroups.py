# asyncio.TaskGroup (3.11+) as aiospec runs it: written for aiospec after the algorithm of
# each CPython version's Lib/asyncio/taskgroups.py, with the conventions of locks.py here
# (`_minor`, `_refuse`, "frame: KEY" annotations naming CPython's lines in tracebacks).
import asyncio

if 11 <= _minor <= 13:
    class TaskGroup:
        def __init__(self):
            self._entered = False
            self._exiting = False
            self._aborting = False
            self._loop = None
            self._parent_task = None
            self._parent_cancel_requested = False
            self._tasks = set()
            self._errors = []
            self._base_error = None
            self._on_completed_fut = None

        def __repr__(self):
            info = ['']
            if self._tasks:
                info.append(f'tasks={len(self._tasks)}')
            if self._errors:
                info.append(f'errors={len(self._errors)}')
            if self._aborting:
                info.append('cancelling')
            elif self._entered:
                info.append('entered')

            info_str = ' '.join(info)
            return f'<TaskGroup{info_str}>'

        async def __aenter__(self):
            if self._entered:
                raise RuntimeError(  # frame: taskgroups.TaskGroup.__aenter__.entered
                    f"TaskGroup {self!r} has already been entered")
            if self._loop is None:
                self._loop = asyncio.get_running_loop()
            self._parent_task = asyncio.current_task()
            if self._parent_task is None:
                raise RuntimeError(  # frame: taskgroups.TaskGroup.__aenter__.parent
                    f'TaskGroup {self!r} cannot determine the parent task')
            self._entered = True

            return self

        async def __aexit__(self, et, exc, tb):
            self._exiting = True

            if (exc is not None and
                    self._is_base_error(exc) and
                    self._base_error is None):
                self._base_error = exc

            if _minor >= 13:
                if et is not None and issubclass(et, asyncio.CancelledError):
                    propagate_cancellation_error = exc
                else:
                    propagate_cancellation_error = None
            else:
                propagate_cancellation_error = \
                    exc if et is asyncio.CancelledError else None
                if self._parent_cancel_requested:
                    # If this flag is set we *must* call uncancel().
                    if self._parent_task.uncancel() == 0:
                        # If there are no pending cancellations left,
                        # don't propagate CancelledError.
                        propagate_cancellation_error = None

            if et is not None:
                if not self._aborting:
                    # Our parent task is being cancelled:
                    #
                    #    async with TaskGroup() as g:
                    #        g.create_task(...)
                    #        await ...  # <- CancelledError
                    #
                    # or there's an exception in "async with":
                    #
                    #    async with TaskGroup() as g:
                    #        g.create_task(...)
                    #        1 / 0
                    #
                    self._abort()

            # We use while-loop here because "self._on_completed_fut"
            # can be cancelled multiple times if our parent task
            # is being cancelled repeatedly (or even once, when
            # our own cancellation is already in progress)
            while self._tasks:
                if self._on_completed_fut is None:
                    self._on_completed_fut = self._loop.create_future()

                try:
                    await self._on_completed_fut  # frame: taskgroups.TaskGroup.__aexit__.wait
                except asyncio.CancelledError as ex:
                    if not self._aborting:
                        # Our parent task is being cancelled:
                        #
                        #    async def wrapper():
                        #        async with TaskGroup() as g:
                        #            g.create_task(foo)
                        #
                        # "wrapper" is being cancelled while "foo" is
                        # still running.
                        propagate_cancellation_error = ex
                        self._abort()

                self._on_completed_fut = None

            if self._base_error is not None:
                raise self._base_error  # frame: taskgroups.TaskGroup.__aexit__.base_error

            if _minor >= 13:
                if self._parent_cancel_requested:
                    # If this flag is set we *must* call uncancel().
                    if self._parent_task.uncancel() == 0:
                        # If there are no pending cancellations left,
                        # don't propagate CancelledError.
                        propagate_cancellation_error = None

            # Propagate CancelledError if there is one, except if there
            # are other errors -- those have priority.
            if _minor >= 13:
                if propagate_cancellation_error is not None and not self._errors:
                    raise propagate_cancellation_error  # frame: taskgroups.TaskGroup.__aexit__.cancelled
            else:
                if propagate_cancellation_error and not self._errors:
                    raise propagate_cancellation_error  # frame: taskgroups.TaskGroup.__aexit__.cancelled

            if _minor >= 13:
                if et is not None and not issubclass(et, asyncio.CancelledError):
                    self._errors.append(exc)
            else:
                if et is not None and et is not asyncio.CancelledError:
                    self._errors.append(exc)

            if self._errors:
                if _minor >= 13:
                    # If the parent task is being cancelled from the outside
                    # of the taskgroup, un-cancel and re-cancel the parent task,
                    # which will keep the cancel count stable.
                    if self._parent_task.cancelling():
                        self._parent_task.uncancel()
                        self._parent_task.cancel()
                # Exceptions are heavy objects that can have object
                # cycles (bad for GC); let's not keep a reference to
                # a bunch of them.
                try:
                    me = BaseExceptionGroup('unhandled errors in a TaskGroup', self._errors)
                    raise me from None  # frame: taskgroups.TaskGroup.__aexit__.group
                finally:
                    self._errors = None

        def create_task(self, coro, *, name=None, context=None):
            if not self._entered:
                if _minor >= 13:
                    coro.close()
                raise RuntimeError(f"TaskGroup {self!r} has not been entered")  # frame: taskgroups.TaskGroup.create_task.entered
            if self._exiting and not self._tasks:
                if _minor >= 13:
                    coro.close()
                raise RuntimeError(f"TaskGroup {self!r} is finished")  # frame: taskgroups.TaskGroup.create_task.finished
            if self._aborting:
                if _minor >= 13:
                    coro.close()
                raise RuntimeError(f"TaskGroup {self!r} is shutting down")  # frame: taskgroups.TaskGroup.create_task.aborting
            if context is not None:
                _refuse('TaskGroup.create_task(context=...) (contextvars)')
            if _minor >= 13:
                task = self._loop.create_task(coro, name=name)
            else:
                task = self._loop.create_task(coro)
                if name is not None:
                    task.set_name(name)
            if _minor >= 12:
                # optimization: Immediately call the done callback if the task is
                # already done (e.g. if the coro was able to complete eagerly),
                # and skip scheduling a done callback
                if task.done():
                    self._on_task_done(task)
                else:
                    self._tasks.add(task)
                    task.add_done_callback(self._on_task_done)
            else:
                task.add_done_callback(self._on_task_done)
                self._tasks.add(task)
            return task

        def _is_base_error(self, exc):
            return isinstance(exc, (SystemExit, KeyboardInterrupt))

        def _abort(self):
            self._aborting = True

            # The oracle records the order CPython cancels them in (`tg-abort:N`).
            for t in _keyed_set(self._tasks, _hint_key('tg-abort')):
                if not t.done():
                    t.cancel()

        def _on_task_done(self, task):
            self._tasks.discard(task)

            if self._on_completed_fut is not None and not self._tasks:
                if not self._on_completed_fut.done():
                    self._on_completed_fut.set_result(True)

            if task.cancelled():
                return

            exc = task.exception()
            if exc is None:
                return

            self._errors.append(exc)
            if self._is_base_error(exc) and self._base_error is None:
                self._base_error = exc

            if self._parent_task.done():
                # Not sure if this case is possible, but we want to handle
                # it anyways.
                _refuse("a TaskGroup task failing after its parent task finished "
                        "(call_exception_handler)")
                return

            if not self._aborting and not self._parent_cancel_requested:
                # If parent task *is not* being cancelled, it means that we want
                # to manually cancel it to abort whatever is being run right now
                # in the TaskGroup.  But we want to mark parent task as
                # "not cancelled" later in __aexit__.  Example situation that
                # we need to handle:
                #
                #    async def foo():
                #        try:
                #            async with TaskGroup() as g:
                #                g.create_task(crash_soon())
                #                await something  # <- this needs to be canceled
                #                                 #    by the TaskGroup, e.g.
                #                                 #    foo() needs to be cancelled
                #        except Exception:
                #            # Ignore any exceptions raised in the TaskGroup
                #            pass
                #        await something_else     # this line has to be called
                #                                 # after TaskGroup is finished.
                self._abort()
                self._parent_cancel_requested = True
                self._parent_task.cancel()


if _minor >= 14:
    # 3.14 split __aexit__ into _aexit (which drops its references in `finally` blocks) and
    # passes create_task's keywords through; 3.15 adds cancel() and swallows the group's own
    # cancellation.
    class TaskGroup:
        def __init__(self):
            self._entered = False
            self._exiting = False
            self._aborting = False
            self._loop = None
            self._parent_task = None
            self._parent_cancel_requested = False
            self._tasks = set()
            self._errors = []
            self._base_error = None
            self._on_completed_fut = None
            if _minor >= 15:
                self._cancel_on_enter = False

        def __repr__(self):
            info = ['']
            if self._tasks:
                info.append(f'tasks={len(self._tasks)}')
            if self._errors:
                info.append(f'errors={len(self._errors)}')
            if self._aborting:
                info.append('cancelling')
            elif self._entered:
                info.append('entered')

            info_str = ' '.join(info)
            return f'<TaskGroup{info_str}>'

        async def __aenter__(self):
            if self._entered:
                raise RuntimeError(  # frame: taskgroups.TaskGroup.__aenter__.entered
                    f"TaskGroup {self!r} has already been entered")
            if self._loop is None:
                self._loop = asyncio.get_running_loop()
            self._parent_task = asyncio.current_task()
            if self._parent_task is None:
                raise RuntimeError(  # frame: taskgroups.TaskGroup.__aenter__.parent
                    f'TaskGroup {self!r} cannot determine the parent task')
            self._entered = True
            if _minor >= 15 and self._cancel_on_enter:
                self.cancel()

            return self

        async def __aexit__(self, et, exc, tb):
            tb = None
            try:
                return await self._aexit(et, exc)  # frame: taskgroups.TaskGroup.__aexit__.aexit
            finally:
                # Exceptions are heavy objects that can have object
                # cycles (bad for GC); let's not keep a reference to
                # a bunch of them. It would be nicer to use a try/finally
                # in __aexit__ directly but that introduced some diff noise
                self._parent_task = None
                self._errors = None
                self._base_error = None
                exc = None

        async def _aexit(self, et, exc):
            self._exiting = True

            if (exc is not None and
                    self._is_base_error(exc) and
                    self._base_error is None):
                self._base_error = exc

            if et is not None and issubclass(et, asyncio.CancelledError):
                propagate_cancellation_error = exc
            else:
                propagate_cancellation_error = None

            if et is not None:
                if not self._aborting:
                    self._abort()

            pending_cancellation_error = None
            while self._tasks:
                if self._on_completed_fut is None:
                    self._on_completed_fut = self._loop.create_future()

                try:
                    await self._on_completed_fut  # frame: taskgroups.TaskGroup._aexit.wait
                except asyncio.CancelledError as ex:
                    if _minor >= 15:
                        pending_cancellation_error = ex
                    if not self._aborting:
                        propagate_cancellation_error = ex
                        self._abort()

                self._on_completed_fut = None

            if self._base_error is not None:
                try:
                    raise self._base_error  # frame: taskgroups.TaskGroup._aexit.base_error
                finally:
                    exc = None

            if self._parent_cancel_requested:
                # If this flag is set we *must* call uncancel().
                if self._parent_task.uncancel() == 0:
                    # If there are no pending cancellations left,
                    # don't propagate CancelledError.
                    propagate_cancellation_error = None
                elif _minor >= 15 and propagate_cancellation_error is None:
                    propagate_cancellation_error = pending_cancellation_error

            # Propagate CancelledError if there is one, except if there
            # are other errors -- those have priority.
            try:
                if propagate_cancellation_error is not None and not self._errors:
                    try:
                        raise propagate_cancellation_error  # frame: taskgroups.TaskGroup._aexit.cancelled
                    finally:
                        exc = None
            finally:
                propagate_cancellation_error = None

            if et is not None and not issubclass(et, asyncio.CancelledError):
                self._errors.append(exc)

            if self._errors:
                # If the parent task is being cancelled from the outside
                # of the taskgroup, un-cancel and re-cancel the parent task,
                # which will keep the cancel count stable.
                if self._parent_task.cancelling():
                    self._parent_task.uncancel()
                    self._parent_task.cancel()
                try:
                    if (_minor >= 15 and et is not None and issubclass(et, GeneratorExit)
                            and len(self._errors) == 1):
                        raise exc  # frame: taskgroups.TaskGroup._aexit.generator_exit
                    raise BaseExceptionGroup(  # frame: taskgroups.TaskGroup._aexit.group
                        'unhandled errors in a TaskGroup',
                        self._errors,
                    ) from None
                finally:
                    exc = None
            if _minor >= 15:
                return True

        def create_task(self, coro, **kwargs):
            if not self._entered:
                coro.close()
                raise RuntimeError(f"TaskGroup {self!r} has not been entered")  # frame: taskgroups.TaskGroup.create_task.entered
            if self._exiting and not self._tasks:
                coro.close()
                raise RuntimeError(f"TaskGroup {self!r} is finished")  # frame: taskgroups.TaskGroup.create_task.finished
            if self._aborting:
                coro.close()
                raise RuntimeError(f"TaskGroup {self!r} is shutting down")  # frame: taskgroups.TaskGroup.create_task.aborting
            task = self._loop.create_task(coro, **kwargs)

            self._tasks.add(task)
            task.add_done_callback(self._on_task_done)
            if _minor >= 15 and self._aborting and not task.done():
                task.cancel()
            return task

        def _is_base_error(self, exc):
            return isinstance(exc, (SystemExit, KeyboardInterrupt))

        def _abort(self):
            self._aborting = True

            # The oracle records the order CPython cancels them in (`tg-abort:N`).
            for t in _keyed_set(self._tasks, _hint_key('tg-abort')):
                if not t.done():
                    t.cancel()

        def _on_task_done(self, task):
            self._tasks.discard(task)

            if self._on_completed_fut is not None and not self._tasks:
                if not self._on_completed_fut.done():
                    self._on_completed_fut.set_result(True)

            if task.cancelled():
                return

            exc = task.exception()
            if exc is None:
                return

            self._errors.append(exc)
            if self._is_base_error(exc) and self._base_error is None:
                self._base_error = exc

            if self._parent_task.done():
                _refuse("a TaskGroup task failing after its parent task finished "
                        "(call_exception_handler)")
                return

            if not self._aborting and not self._parent_cancel_requested:
                self._abort()
                self._parent_cancel_requested = True
                self._parent_task.cancel()

        if _minor >= 15:
            def cancel(self):
                if not self._entered:
                    self._cancel_on_enter = True
                    return
                if self._exiting and not self._tasks:
                    return
                if not self._aborting:
                    self._abort()
                    if self._parent_task and not self._parent_cancel_requested:
                        self._parent_cancel_requested = True
                        self._parent_task.cancel()
