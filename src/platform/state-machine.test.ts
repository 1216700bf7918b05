import { describe, expect, it } from 'vitest';
import { allowedEvents, can, defineMachine, transition, unusedEvents, type Machine } from './state-machine.ts';

class Refused extends Error {}
type S = 'off' | 'on' | 'broken';
type E = 'press' | 'kick' | 'log';
const spec = (rows: Machine<S, E, { hard?: boolean }>['transitions']): Machine<S, E, { hard?: boolean }> => ({
  name: 'switch',
  states: ['off', 'on', 'broken'],
  events: ['press', 'kick', 'log'],
  initial: 'off',
  transitions: rows,
  refuse: (s, e) => new Refused(`${s}/${e}`),
});
const machine = defineMachine(spec([
  { from: ['off'], event: 'press', to: 'on' },
  { from: ['on'], event: 'press', to: 'off' },
  { from: ['off', 'on'], event: 'kick', to: 'broken', guard: (f) => f.hard === true },
]));

describe('state-machine kit', () => {
  it.each([
    ['off', 'press', {}, 'on'],
    ['on', 'press', {}, 'off'],
    ['off', 'kick', { hard: true }, 'broken'],
    ['on', 'kick', { hard: true }, 'broken'],
  ] as const)('%s --%s %j--> %s', (from, event, facts, to) => {
    expect(transition(machine, from, event, facts)).toBe(to);
    expect(can(machine, from, event, facts)).toBe(true);
  });

  it.each([
    ['broken', 'press', {}],
    ['off', 'kick', {}],
    ['on', 'kick', { hard: false }],
    ['off', 'log', {}],
  ] as const)('refuses %s --%s %j with the caller\'s error', (from, event, facts) => {
    expect(() => transition(machine, from, event, facts)).toThrow(new Refused(`${from}/${event}`));
    expect(can(machine, from, event, facts)).toBe(false);
  });

  it('lists the allowed events once each, and the declared events no row uses', () => {
    expect(allowedEvents(machine, 'off', { hard: true })).toEqual(['press', 'kick']);
    expect(allowedEvents(machine, 'on', {})).toEqual(['press']);
    expect(allowedEvents(machine, 'broken', { hard: true })).toEqual([]);
    expect(unusedEvents(machine)).toEqual(['log']);
  });

  it('refuses a table with an undeclared state or event', () => {
    const undeclared = <T>(v: string) => v as T;
    expect(() => defineMachine(spec([{ from: ['off'], event: undeclared<E>('hit'), to: 'on' }]))).toThrow(/event "hit" is not declared/);
    expect(() => defineMachine(spec([{ from: [undeclared<S>('dim')], event: 'press', to: 'on' }]))).toThrow(/state "dim" is not declared/);
    expect(() => defineMachine(spec([{ from: ['off'], event: 'press', to: undeclared<S>('dim') }]))).toThrow(/state "dim" is not declared/);
    expect(() => defineMachine({ ...spec([]), initial: undeclared<S>('dim') })).toThrow(/initial state "dim"/);
    expect(() => defineMachine({ ...spec([]), events: ['press', 'press'] })).toThrow(/declared twice/);
  });
});
