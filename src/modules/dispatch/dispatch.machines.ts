// The states of a dispatch task (dispatch_tasks.state) and of a unit's result event
// (adapter_events.state), and the moves the dispatch code makes. Pure.
import * as kit from '../../platform/state-machine.ts';

export const TASK_STATES = ['pending', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_EVENTS = ['complete'] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

/** A task is made pending; delivered (push), acknowledged (pull) or entered (manual) makes it done. */
export const taskMachine = kit.defineMachine<TaskState, TaskEvent>({
  name: 'dispatch task',
  states: TASK_STATES,
  events: TASK_EVENTS,
  initial: 'pending',
  transitions: [{ from: ['pending'], event: 'complete', to: 'done' }],
  refuse: kit.namedRefusal<TaskState, TaskEvent>({ zh: '分发任务', en: 'a dispatch task' },
    { pending: { zh: '待送达', en: 'pending' }, done: { zh: '已送达', en: 'done' } },
    { complete: { zh: '完成送达', en: 'complete' } }),
});

export const EVENT_STATES = ['parked', 'applied', 'failed'] as const;
export type AdapterEventState = (typeof EVENT_STATES)[number];
export const EVENT_EVENTS = ['apply', 'fail'] as const;
export type AdapterEventEvent = (typeof EVENT_EVENTS)[number];

/** A result event is parked until its sequence is next; then applied, or failed with the use case's 4xx. */
export const adapterEventMachine = kit.defineMachine<AdapterEventState, AdapterEventEvent>({
  name: 'adapter event',
  states: EVENT_STATES,
  events: EVENT_EVENTS,
  initial: 'parked',
  transitions: [
    { from: ['parked'], event: 'apply', to: 'applied' },
    { from: ['parked'], event: 'fail', to: 'failed' },
  ],
  refuse: kit.namedRefusal<AdapterEventState, AdapterEventEvent>({ zh: '部门系统回传事件', en: 'a result event' },
    { parked: { zh: '等待前序事件', en: 'parked' }, applied: { zh: '已处理', en: 'applied' }, failed: { zh: '处理失败', en: 'failed' } },
    { apply: { zh: '处理', en: 'apply' }, fail: { zh: '记为失败', en: 'fail' } }),
});

/** The move of a task: the state it must be in (update … where state = from) and the one it gets. */
export function taskMove(event: TaskEvent, from: TaskState = taskMachine.initial): { from: TaskState; to: TaskState } {
  return { from, to: kit.transition(taskMachine, from, event, {}) };
}

/** The move of a parked result event. */
export function adapterEventMove(event: AdapterEventEvent, from: AdapterEventState = adapterEventMachine.initial): { from: AdapterEventState; to: AdapterEventState } {
  return { from, to: kit.transition(adapterEventMachine, from, event, {}) };
}
