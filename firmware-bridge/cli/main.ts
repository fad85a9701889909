// The `crossroads` command: one entry point, one module per command.

import { UsageError, type CliIo, type CommandRunner } from './cli-io.js';
import { START_USAGE } from './start-usage.js';

const USAGE = `usage: crossroads <command> [options]

commands:
  start             run the exhibit's bridge (serves the kiosk page, reads the panel)
  author            preview a pack folder live while you edit it
  pack new          write a minimal valid pack to start from
  pack validate     check a pack folder or .zip
  pack build        hash, sign and zip a pack folder
  pack install      install a pack .zip as a USB stick would
  pack rollback     make the previous installed pack current again
  pack narrate      draft spoken narration with espeak-ng for scenarios that have none
  keygen            make a signing key pair
  doctor            check this kiosk and explain what is wrong
  firmware          build, flash (avrdude) or bench-check the panel's firmware
  fleet             send signed commands and roll out packs to kiosks over MQTT

${START_USAGE}`;

async function lazy(modulePath: string): Promise<CommandRunner> {
  const module = (await import(modulePath)) as { run: CommandRunner };
  return module.run;
}

const COMMANDS: Record<string, () => Promise<CommandRunner>> = {
  start: () => lazy('./start-command.js'),
  pack: () => lazy('./pack-command.js'),
  author: () => lazy('./author-command.js'),
  keygen: () => lazy('./keygen-command.js'),
  doctor: () => lazy('./doctor-command.js'),
  firmware: () => lazy('./firmware-command.js'),
  fleet: () => lazy('./fleet-command.js'),
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`crossroads: unknown command '${name}'\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`crossroads ${name}: ${error.message}\n`);
      return 2;
    }
    // A person reads this: one line, no stack trace (set CROSSROADS_DEBUG=1 for it).
    io.stderr.write(`crossroads ${name}: ${(error as Error).message}\n`);
    if (process.env.CROSSROADS_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}
