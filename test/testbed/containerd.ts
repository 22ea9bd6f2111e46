// A real containerd (Debian's 1.6, CRI built in) in a temporary folder, for tests that need a real
// CRI runtime.v1 socket. startContainerd() builds the offline images, writes a config, starts the
// daemon, waits for CRI and imports the images; runPod/runContainer/seedNode then make a small,
// realistic node through CRI. Everything it starts is ended by stop(), and, should the test process
// end without calling it, by an exit/signal hook (containerd also gets SIGKILL if its parent dies).
import {execFile, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes, randomUUID} from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {criRaw, type CriRaw} from './cri-raw.js';
import {waitFor as until} from '../support/wait.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.6';
export const APP_IMAGE = 'docker.io/library/busybox:testbed';
const CNI_BIN_DIR = '/usr/lib/cni'; // Debian's containernetworking-plugins
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export type Testbed = {
  /** Path of containerd's gRPC socket (CRI runtime.v1 and image services). */
  socket: string;
  /** The temporary folder holding everything: config, root, state, logs. */
  root: string;
  /** Where pod log directories go (like the kubelet's /var/log/pods). */
  logRoot: string;
  /** containerd's process id. */
  pid: number;
  /** containerd's own log file. */
  logFile: string;
  /** Cgroup parent of every pod (so strays can be found and killed). */
  cgroupParent: string;
  /** Name of the bridge interface for pods that are not host-network (made on first use). */
  bridge: string;
  /** A raw CRI client on the socket (closed by stop()). */
  cri: CriRaw;
  stop(): Promise<void>;
};

export type StartOptions = {
  /** How long to wait for CRI to answer Version. Default 60 s (a busy machine). */
  readyTimeoutMs?: number;
};

type Internal = {
  child: ChildProcess;
  exited: Promise<void>;
  pods: Map<string, object>; // pod id -> the PodSandboxConfig it was made with
  stopped: boolean;
};

const internals = new WeakMap<Testbed, Internal>();
const ROOT_PREFIX = '/tmp/crisock-ctd-';

/** Everything outside its folder that a testbed may leave, named after the folder alone. */
type Footprint = {root: string; socket: string; cgroupParent: string; bridge: string};

function footprintOf(root: string): Footprint {
  const suffix = path.basename(root).slice(path.basename(ROOT_PREFIX).length); // 6 chars from mkdtemp
  return {
    root,
    socket: path.join(root, 'containerd.sock'),
    cgroupParent: `/crisock-testbed-${suffix}`,
    bridge: `crisock${suffix}`, // at most 15 characters (IFNAMSIZ)
  };
}

const live = new Set<Testbed>();

/** Starts a private containerd and returns once CRI answers and both test images are imported. */
export async function startContainerd(options: StartOptions = {}): Promise<Testbed> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const cache = process.env.TESTBED_CACHE ?? '/tmp/crisock-testbed-cache';
  try {
    await run('bash', [path.join(here, 'build-images.sh')], {env: {...process.env, TESTBED_CACHE: cache}, timeout: 120_000});
  } catch (error: any) {
    throw new Error(`testbed: building images failed: ${error.message}\n${error.stderr ?? ''}`);
  }

  let defaults: string;
  try {
    ({stdout: defaults} = await run('containerd', ['config', 'default'], {timeout: 10_000}));
  } catch (error: any) {
    throw new Error(`testbed: \`containerd config default\` failed (apt-get install containerd runc?): ${error.message}`);
  }
  reapOrphans();
  const root = mkdtempSync(ROOT_PREFIX);
  // Whose testbed this is: a later run reaps it if this process died without cleaning up.
  writeFileSync(path.join(root, 'owner'), String(process.pid));
  const {socket, cgroupParent, bridge} = footprintOf(root);
  const logRoot = path.join(root, 'pods');
  const logFile = path.join(root, 'containerd.log');
  const cniConfDir = path.join(root, 'cni');
  for (const dir of [logRoot, cniConfDir]) mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(cniConfDir, '10-crisock-bridge.conflist'), bridgeConflist(bridge, root));

  const configFile = path.join(root, 'config.toml');
  writeFileSync(configFile, configure(defaults, {root, socket, cniConfDir}));

  const cri = criRaw(socket); // before spawning: it throws if the CRI proto is missing
  const logFd = openSync(logFile, 'a');
  // setpriv --pdeathsig: containerd is SIGKILLed by the kernel if this process dies unannounced.
  const usePdeathsig = spawnSync('setpriv', ['--help'], {stdio: 'ignore'}).status === 0;
  const argv = ['containerd', '--config', configFile, '--log-level', 'info'];
  const child = spawn(usePdeathsig ? 'setpriv' : argv[0], usePdeathsig ? ['--pdeathsig', 'KILL', ...argv] : argv.slice(1), {
    stdio: ['ignore', logFd, logFd],
    env: {...process.env, PATH: `${process.env.PATH ?? ''}:${SYSTEM_PATH}`},
  });
  closeSync(logFd);
  // A test that forgets stop() must still end; the exit hook then cleans up.
  child.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const tb: Testbed = {
    socket,
    root,
    logRoot,
    pid: child.pid ?? -1,
    logFile,
    cgroupParent,
    bridge,
    cri,
    stop: () => stopTestbed(tb),
  };
  internals.set(tb, {child, exited, pods: new Map(), stopped: false});
  live.add(tb);
  installExitHooks();

  try {
    await waitForCri(tb, readyTimeoutMs, Promise.race([exited.then(() => child.exitCode ?? child.signalCode), spawnError]));
    for (const name of ['pause', 'busybox']) {
      await run('ctr', ['-a', socket, '-n', 'k8s.io', 'images', 'import', path.join(cache, `${name}.tar`)], {timeout: 60_000});
    }
    await waitFor(`CRI to list ${PAUSE_IMAGE} and ${APP_IMAGE}`, 60_000, async () => {
      for (const image of [PAUSE_IMAGE, APP_IMAGE]) {
        const reply = await tb.cri.call<any>('ImageStatus', {image: {image}});
        if (!reply.image) return false;
      }
      return true;
    });
  } catch (error: any) {
    const message = `testbed: containerd did not come up: ${error.message}${error.stderr ? `\n${error.stderr}` : ''}\n--- tail of ${logFile} ---\n${tail(logFile)}`;
    await tb.stop().catch(() => {});
    throw new Error(message);
  }
  return tb;
}

/** containerd's default config with everything pointed into `root` and the settings this machine needs. */
function configure(defaults: string, dirs: {root: string; socket: string; cniConfDir: string}): string {
  let config = defaults;
  const set = (pattern: RegExp, replacement: string) => {
    if (!pattern.test(config)) throw new Error(`testbed: containerd default config has no ${pattern}`);
    config = config.replace(pattern, replacement);
  };
  set(/^root = ".*"$/m, `root = "${dirs.root}/root"`);
  set(/^state = ".*"$/m, `state = "${dirs.root}/state"`);
  set(/^(\[grpc\]\n\s+address = )".*"$/m, `$1"${dirs.socket}"`);
  // Unused snapshotters only add noise (and probing) to the log.
  set(
    /^disabled_plugins = \[\]$/m,
    'disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", ' +
      '"io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs"]',
  );
  // Required here: the machine forbids lowering oom_score_adj; without it every pod fails to start.
  set(/restrict_oom_score_adj = false/, 'restrict_oom_score_adj = true');
  set(/sandbox_image = ".*"/, `sandbox_image = "${PAUSE_IMAGE}"`);
  set(/netns_mounts_under_state_dir = false/, 'netns_mounts_under_state_dir = true');
  set(/bin_dir = ".*"/, `bin_dir = "${CNI_BIN_DIR}"`);
  set(/conf_dir = ".*"/, `conf_dir = "${dirs.cniConfDir}"`);
  set(/(\[plugins\."io\.containerd\.internal\.v1\.opt"\]\n\s+path = )".*"/, `$1"${dirs.root}/opt"`);
  // runc's state would otherwise go to the shared /run/containerd/runc.
  set(/(\.runtimes\.runc\.options\][^[]*?Root = )""/, `$1"${dirs.root}/state/runc"`);
  return config;
}

/**
 * A bridge network of its own (bridge name, subnet and dataDir unique to this testbed), so pods
 * that are not host-network get an IP and Status reports NetworkReady. No ipMasq and no portmap:
 * nothing touches iptables.
 */
function bridgeConflist(bridge: string, root: string): string {
  const subnet = freeSubnet();
  return JSON.stringify(
    {
      cniVersion: '1.0.0',
      name: 'crisock-testbed',
      plugins: [
        {
          type: 'bridge',
          bridge,
          isGateway: true,
          ipMasq: false,
          ipam: {
            type: 'host-local',
            ranges: [[{subnet}]],
            dataDir: path.join(root, 'cni-ipam'),
          },
        },
      ],
    },
    null,
    2,
  );
}

/** A random 10.100-199.x.0/24 that no route of this machine overlaps. */
function freeSubnet(): string {
  const routes = readLines('/proc/net/route')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([, destination, , , , , , mask]) => ({net: hexToIp(destination!), mask: hexToIp(mask!)}));
  for (let attempt = 0; attempt < 100; attempt++) {
    const [a, b] = randomBytes(2);
    const net = ((10 << 24) | ((100 + (a! % 100)) << 16) | (b! << 8)) >>> 0;
    const clashes = routes.some(({net: r, mask: m}) => {
      const common = (m & 0xffffff00) >>> 0; // the wider of the two masks decides
      return ((r & common) >>> 0) === ((net & common) >>> 0) && m !== 0;
    });
    if (!clashes) return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.0/24`;
  }
  throw new Error('testbed: no free 10.x.y.0/24 for the bridge network');
}

/** /proc/net/route's little-endian hex address as a number. */
function hexToIp(hex: string): number {
  const n = parseInt(hex, 16);
  return (((n & 255) << 24) | (((n >>> 8) & 255) << 16) | (((n >>> 16) & 255) << 8) | (n >>> 24)) >>> 0;
}

async function waitForCri(tb: Testbed, timeoutMs: number, died: Promise<unknown>): Promise<void> {
  let lastError = 'no answer yet';
  let death: unknown;
  void died.then((why) => (death = why ?? 'exited'));
  // Resolves 'up' once Version answers, or 'died' as soon as containerd has exited.
  const outcome = await until(
    async () => {
      if (death !== undefined) return 'died';
      try {
        await tb.cri.call('Version', {}, 1_000);
        return 'up';
      } catch (error: any) {
        lastError = error.message;
        return undefined;
      }
    },
    {timeoutMs, intervalMs: 200},
  ).catch(() => undefined);
  if (outcome === 'died') throw new Error(`containerd exited (${death instanceof Error ? death.message : String(death)})`);
  if (outcome !== 'up') throw new Error(`CRI Version did not answer on ${tb.socket} within ${timeoutMs} ms (last: ${lastError})`);
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  await until(check, {timeoutMs, intervalMs: 100, what});
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// Stopping and cleaning up

async function stopTestbed(tb: Testbed): Promise<void> {
  const state = internals.get(tb);
  if (!state || state.stopped) return;
  state.stopped = true;
  const problems: string[] = [];
  const shims = shimPids(tb.socket);
  if (state.child.exitCode === null && state.child.signalCode === null) {
    try {
      const {items} = await tb.cri.call<any>('ListPodSandbox', {}, 5_000);
      await Promise.all(
        items.map(async (pod: any) => {
          try {
            await tb.cri.call('StopPodSandbox', {podSandboxId: pod.id}, 30_000);
            await tb.cri.call('RemovePodSandbox', {podSandboxId: pod.id}, 30_000);
          } catch (error: any) {
            problems.push(error.message);
          }
        }),
      );
    } catch (error: any) {
      problems.push(error.message);
    }
  }
  tb.cri.close();
  // Let the pods' shims exit while containerd (their subreaper) is still there to reap them.
  await waitGone(shims, 3_000, true);
  await killAndWait(state, 'SIGTERM', 10_000);
  if (!(await killAndWait(state, 'SIGKILL', 5_000))) problems.push(`containerd (pid ${tb.pid}) survived SIGKILL`);
  problems.push(...cleanUp(footprintOf(tb.root), tb.pid));
  // Exited shims stay zombies until someone reaps them (containerd, or init once it is gone), and
  // would still show in `pgrep containerd`: wait a little for them to vanish.
  await waitGone(shims, 5_000, false);
  live.delete(tb);
  if (problems.length > 0) console.error(`testbed: while stopping:\n  ${problems.join('\n  ')}`);
  if (processAlive(tb.pid)) throw new Error(`testbed: containerd (pid ${tb.pid}) still running after stop()`);
}

/** Waits until none of `pids` runs (zombies count as gone if `zombiesOk`), at most `timeoutMs`. */
async function waitGone(pids: number[], timeoutMs: number, zombiesOk: boolean): Promise<void> {
  const present = (pid: number) => (zombiesOk ? processAlive(pid) : existsSync(`/proc/${pid}`));
  await until(() => !pids.some(present), {timeoutMs, intervalMs: 50}).catch(() => undefined);
}

/** Signals containerd and waits; true once it has exited. */
async function killAndWait(state: Internal, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  const running = () => state.child.exitCode === null && state.child.signalCode === null;
  if (!running()) return true;
  state.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([state.exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer); // a pending timer would hold the test process open
  return !running();
}

/**
 * Synchronous, so it also works from an exit hook: kills whatever containerd left (shims and
 * container processes of this testbed only), unmounts everything under the root, removes the
 * bridge, the cgroups and the folder. Returns what went wrong.
 */
function cleanUp(tb: Footprint, containerdPid: number): string[] {
  const problems: string[] = [];
  if (processAlive(containerdPid)) tryKill(containerdPid);
  shimPids(tb.socket).forEach(tryKill);
  for (const dir of cgroupDirs(tb.cgroupParent)) {
    for (let round = 0; round < 20; round++) {
      const pids = walk(dir).flatMap((d) => readLines(path.join(d, 'cgroup.procs')));
      if (pids.length === 0) break;
      pids.forEach((pid) => tryKill(Number(pid)));
      pause(50);
    }
    for (const d of walk(dir).reverse()) {
      try {
        rmdirSync(d);
      } catch (error: any) {
        problems.push(`cannot remove cgroup ${d}: ${error.code}`);
      }
    }
  }
  for (const mount of mountsUnder(tb.root)) {
    const result = spawnSync('umount', ['-l', mount], {encoding: 'utf8'});
    if (result.status !== 0) problems.push(`umount -l ${mount}: ${result.stderr.trim()}`);
  }
  if (existsSync(`/sys/class/net/${tb.bridge}`)) {
    // iproute2 may be missing on minimal machines; busybox-static (needed anyway) has `ip` too.
    const [cmd, ...args] = [...(commandExists('ip') ? ['ip'] : ['busybox', 'ip']), 'link', 'delete', tb.bridge];
    const result = spawnSync(cmd!, args, {encoding: 'utf8', env: {...process.env, PATH: `${process.env.PATH ?? ''}:${SYSTEM_PATH}`}});
    if (result.status !== 0) problems.push(`cannot delete bridge ${tb.bridge}: ${result.stderr ?? result.error}`);
  }
  try {
    rmSync(tb.root, {recursive: true, force: true, maxRetries: 3});
  } catch (error: any) {
    problems.push(`cannot remove ${tb.root}: ${error.message}`);
  }
  return problems;
}

/**
 * Cleans up after testbeds whose process died without stop() (e.g. SIGKILL): their containerd dies
 * with them, but shims, containers, mounts, cgroups and folders stay. A testbed is an orphan once
 * the process named in its `owner` file is gone.
 */
export function reapOrphans(): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(path.dirname(ROOT_PREFIX));
  } catch {
    return;
  }
  for (const entry of entries) {
    const root = path.join(path.dirname(ROOT_PREFIX), entry);
    if (!root.startsWith(ROOT_PREFIX)) continue;
    const owner = Number(readLines(path.join(root, 'owner'))[0]);
    if (owner > 0 ? processAlive(owner) : Date.now() - statMtime(root) < 60_000) continue;
    const config = path.join(root, 'config.toml');
    const containerd = listPids().find((pid) => readProc(pid, 'cmdline').split('\0').includes(config)) ?? -1;
    cleanUp(footprintOf(root), containerd);
  }
}

function statMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Shims are daemons of their own; they name their containerd's socket on their command line. */
function shimPids(socket: string): number[] {
  return listPids().filter((pid) => {
    const cmdline = readProc(pid, 'cmdline').split('\0');
    return cmdline[0]?.includes('containerd-shim') && cmdline.includes(socket);
  });
}

function commandExists(name: string): boolean {
  return `${process.env.PATH ?? ''}:${SYSTEM_PATH}`.split(':').some((dir) => dir && existsSync(path.join(dir, name)));
}

function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    // A zombie (exited, not yet reaped) counts as gone.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function listPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** The folder of `parent` in every cgroup hierarchy (v1: one per controller; v2: one). */
function cgroupDirs(parent: string): string[] {
  const base = '/sys/fs/cgroup';
  const candidates = [path.join(base, parent)];
  try {
    for (const entry of readdirSync(base)) candidates.push(path.join(base, entry, parent));
  } catch {
    // no cgroupfs
  }
  return [...new Set(candidates)].filter((dir) => existsSync(dir));
}

/** `dir` and every folder below it, parents first. */
function walk(dir: string): string[] {
  const out = [dir];
  try {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name)));
    }
  } catch {
    // vanished
  }
  return out;
}

/** Mount points at or below `root`, deepest first. */
function mountsUnder(root: string): string[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  const mounts = readLines('/proc/self/mountinfo')
    .map((line) => unescape(line.split(' ')[4] ?? ''))
    .filter((mount) => mount === root || mount.startsWith(`${root}/`));
  return [...new Set(mounts)].sort((a, b) => b.length - a.length);
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

let hooksInstalled = false;

/** If the test process ends without stop(), still end containerd and what it started. */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const emergency = () => {
    for (const tb of live) {
      live.delete(tb);
      cleanUp(footprintOf(tb.root), tb.pid);
    }
  };
  process.on('exit', emergency);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      emergency();
      process.kill(process.pid, signal); // the default action, now that our handler is gone
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Building a node through CRI

export type PodOptions = {
  name: string;
  namespace: string;
  uid?: string;
  /** Default true: host network needs no CNI. false gives the pod an IP on the testbed's bridge. */
  hostNetwork?: boolean;
  labels?: Record<string, string>;
};

/** Runs a pod sandbox the way the kubelet would describe it; returns its id. */
export async function runPod(tb: Testbed, options: PodOptions): Promise<string> {
  const state = mustBeLive(tb);
  const uid = options.uid ?? randomUUID();
  const logDirectory = path.join(tb.logRoot, `${options.namespace}_${options.name}_${uid}`);
  mkdirSync(logDirectory, {recursive: true});
  const config = {
    metadata: {name: options.name, uid, namespace: options.namespace, attempt: 0},
    // runc refuses a hostname without a UTS namespace of its own, which host-network pods lack.
    hostname: options.hostNetwork === false ? options.name : '',
    logDirectory,
    labels: {
      'io.kubernetes.pod.name': options.name,
      'io.kubernetes.pod.namespace': options.namespace,
      'io.kubernetes.pod.uid': uid,
      ...options.labels,
    },
    annotations: {'kubernetes.io/config.source': 'api', 'kubernetes.io/config.seen': new Date().toISOString()},
    linux: {
      cgroupParent: `${tb.cgroupParent}/pod${uid}`,
      securityContext: {namespaceOptions: {network: options.hostNetwork === false ? 'POD' : 'NODE', pid: 'CONTAINER', ipc: 'POD'}},
    },
  };
  const {podSandboxId} = await tb.cri.call<any>('RunPodSandbox', {config}, 60_000);
  state.pods.set(podSandboxId, config);
  return podSandboxId;
}

export type ContainerOptions = {
  name: string;
  /** Default docker.io/library/busybox:testbed. */
  image?: string;
  command: string[];
  args?: string[];
  /** Relative to the pod's log directory; default NAME/ATTEMPT.log as the kubelet does. */
  logPath?: string;
  tty?: boolean;
  attempt?: number;
  labels?: Record<string, string>;
};

/** Creates and starts a container in a pod made by runPod; returns its id. */
export async function runContainer(tb: Testbed, podId: string, options: ContainerOptions): Promise<string> {
  const state = mustBeLive(tb);
  const sandboxConfig: any = state.pods.get(podId);
  if (!sandboxConfig) throw new Error(`testbed: pod ${podId} was not made by runPod on this testbed`);
  const attempt = options.attempt ?? 0;
  const config = {
    metadata: {name: options.name, attempt},
    image: {image: options.image ?? APP_IMAGE},
    command: options.command,
    args: options.args ?? [],
    logPath: options.logPath ?? `${options.name}/${attempt}.log`,
    tty: options.tty ?? false,
    stdin: options.tty ?? false,
    labels: {
      'io.kubernetes.container.name': options.name,
      'io.kubernetes.pod.name': sandboxConfig.metadata.name,
      'io.kubernetes.pod.namespace': sandboxConfig.metadata.namespace,
      'io.kubernetes.pod.uid': sandboxConfig.metadata.uid,
      ...options.labels,
    },
    annotations: {
      'io.kubernetes.container.restartCount': String(attempt),
      'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
    },
    linux: {},
  };
  mkdirSync(path.dirname(path.join(sandboxConfig.logDirectory, config.logPath)), {recursive: true});
  const {containerId} = await tb.cri.call<any>('CreateContainer', {podSandboxId: podId, config, sandboxConfig}, 60_000);
  await tb.cri.call('StartContainer', {containerId}, 60_000);
  return containerId;
}

function mustBeLive(tb: Testbed): Internal {
  const state = internals.get(tb);
  if (!state || state.stopped) throw new Error('testbed: already stopped');
  return state;
}

export type SeededPod = {id: string; name: string; namespace: string; uid: string; hostNetwork: boolean; logDirectory: string};
export type SeededContainer = {
  id: string;
  name: string;
  podId: string;
  podName: string;
  namespace: string;
  /** Absolute path of its CRI log file. */
  logPath: string;
};
export type SeededNode = {
  pods: {web: SeededPod; batch: SeededPod; proxy: SeededPod};
  containers: {
    /** default/web-…: prints `line N` every second, forever. */
    logger: SeededContainer;
    /** default/report-…: writes `boom` to stderr and exits 3. */
    failing: SeededContainer;
    /** kube-system/kube-proxy-…: an init-like step that exits 0. */
    succeeded: SeededContainer;
    /** kube-system/kube-proxy-…: sleeps forever. */
    sleeper: SeededContainer;
  };
};

/**
 * A small realistic node: three pods in `default` and `kube-system` (web has a pod IP on the
 * testbed's bridge, the other two are host-network, as kube-proxy is), one container
 * logging a line a second, one that failed (exit 3), one that succeeded (exit 0), one that sleeps.
 * Returns once the two short ones have exited and logged and the logger has written its first line.
 */
export async function seedNode(tb: Testbed): Promise<SeededNode> {
  const pod = async (name: string, namespace: string, hostNetwork: boolean): Promise<SeededPod> => {
    const uid = randomUUID();
    const id = await runPod(tb, {name, namespace, uid, hostNetwork});
    return {id, name, namespace, uid, hostNetwork, logDirectory: path.join(tb.logRoot, `${namespace}_${name}_${uid}`)};
  };
  const [web, batch, proxy] = await Promise.all([
    pod('web-7c9d8f6b5-x2x4q', 'default', false),
    pod('report-28471120-9kq7z', 'default', true),
    pod('kube-proxy-5xk2p', 'kube-system', true),
  ]);
  const container = async (p: SeededPod, name: string, script: string): Promise<SeededContainer> => {
    const id = await runContainer(tb, p.id, {name, command: ['sh', '-c', script]});
    return {id, name, podId: p.id, podName: p.name, namespace: p.namespace, logPath: path.join(p.logDirectory, name, '0.log')};
  };
  const [logger, failing, succeeded, sleeper] = await Promise.all([
    container(web, 'app', 'i=0; while true; do echo line $i; i=$((i+1)); sleep 1; done'),
    container(batch, 'report', 'echo boom >&2; exit 3'),
    container(proxy, 'init-iptables', 'echo rules loaded; exit 0'),
    container(proxy, 'kube-proxy', 'echo proxy started; exec sleep infinity'),
  ]);
  // EXITED can come before containerd's log copier has written an exited container's last
  // line, so each short container's line is waited for too (a CI run read 'boom' as '').
  await waitFor('the short containers to exit and log, and the logger to log', 60_000, async () => {
    for (const c of [failing, succeeded]) {
      const {status} = await tb.cri.call<any>('ContainerStatus', {containerId: c.id});
      if (status.state !== 'CONTAINER_EXITED' || readLines(c.logPath).length === 0) return false;
    }
    return readLines(logger.logPath).length > 0;
  });
  return {pods: {web, batch, proxy}, containers: {logger, failing, succeeded, sleeper}};
}
