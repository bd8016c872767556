/**
 * How a stream's state is folded from its events and how a command becomes new events. Pure: no
 * I/O, no clock, no ids — those come in with the command. `decide` throws a typed domain error
 * when the command is refused.
 */
export interface Evolver<State, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
}

export interface Decider<Command, State, Event> extends Evolver<State, Event> {
  readonly decide: (command: Command, state: State) => readonly Event[];
}

/** Closes an exhaustive `switch` over a union: adding a case without handling it fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
