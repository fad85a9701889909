// A capability of the bridge: something with resources that the controller
// starts in order and stops in reverse order.

export interface Capability {
  readonly name: string;
  start(): Promise<void>;
  /** Releases every timer, listener, port and socket the capability made. */
  stop(): Promise<void>;
}
