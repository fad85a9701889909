// The avrdude command that flashes the panel image through a board's bootloader: which
// bootloader (and so which baud rate) each board type has, and the one command line.

export interface BoardType {
  name: string;
  description: string;
  /** avrdude's programmer: the Arduino bootloaders speak STK500v1 ("arduino"). */
  programmer: string;
  baud: number;
}

export const BOARD_TYPES: Readonly<Record<string, BoardType>> = {
  nano: { name: 'nano', description: 'Arduino Nano (ATmega328P, Optiboot, as shipped since 2018)', programmer: 'arduino', baud: 115200 },
  'nano-old': { name: 'nano-old', description: 'Arduino Nano with the old bootloader (many CH340 clones)', programmer: 'arduino', baud: 57600 },
  uno: { name: 'uno', description: 'Arduino Uno (ATmega328P, Optiboot, 16U2 or CH340 USB chip)', programmer: 'arduino', baud: 115200 },
};

export const DEFAULT_BOARD = 'nano';

/** avrdude's arguments: write `hex` to flash and verify it (-D: the bootloader erases as it writes). */
export function avrdudeArgs(board: BoardType, port: string, hex: string): string[] {
  // A ':' in the file name would end avrdude's -U field early.
  if (hex.includes(':')) throw new Error(`avrdude cannot take a file name with ':' in it: ${hex}`);
  return ['-p', 'atmega328p', '-c', board.programmer, '-P', port, '-b', String(board.baud), '-D', '-U', `flash:w:${hex}:i`];
}

/** The command as a person would type it. */
export function shellLine(command: string, args: string[]): string {
  return [command, ...args].map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
