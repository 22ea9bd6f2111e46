// Proves the real-containerd testbed itself: if these fail, the suites built on it cannot be
// trusted. Never skips: a machine where containerd cannot start fails here, with the reason.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs';
import {APP_IMAGE, PAUSE_IMAGE, seedNode, startContainerd, type SeededNode, type Testbed} from './containerd.js';
import {holdsFor, waitFor} from '../support/wait.js';

const CRI_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)) (stdout|stderr) (F|P) (.*)$/;


test('real containerd testbed', {timeout: 480_000}, async (t) => {
  const started = Date.now();
  const tb: Testbed = await startContainerd();
  t.diagnostic(`containerd ${tb.pid} ready on ${tb.socket} in ${Date.now() - started} ms`);
  let node: SeededNode | undefined;
  const seeded = () => {
    assert.ok(node, 'seedNode did not complete');
    return node;
  };
  try {
    await t.test('answers CRI Version and Status as containerd runtime.v1', async () => {
      const version = await tb.cri.call<any>('Version', {});
      assert.equal(version.runtimeName, 'containerd');
      assert.equal(version.runtimeApiVersion, 'v1');
      const {status} = await tb.cri.call<any>('Status', {});
      const ready = Object.fromEntries(status.conditions.map((c: any) => [c.type, c.status]));
      assert.deepEqual(ready, {RuntimeReady: true, NetworkReady: true});
    });

    await t.test('has the offline-built pause and app images', async () => {
      const {images} = await tb.cri.call<any>('ListImages', {});
      const tags = images.flatMap((image: any) => image.repoTags);
      assert.ok(tags.includes(PAUSE_IMAGE), `tags: ${tags}`);
      assert.ok(tags.includes(APP_IMAGE), `tags: ${tags}`);
    });

    await t.test('seedNode makes pods and containers that CRI lists with the kubelet labels', async () => {
      const seed = await seedNode(tb);
      node = seed;
      const {items} = await tb.cri.call<any>('ListPodSandbox', {});
      assert.equal(items.length, 3);
      for (const pod of Object.values(seed.pods)) {
        const listed = items.find((item: any) => item.id === pod.id);
        assert.ok(listed, `pod ${pod.name} not listed`);
        assert.equal(listed.state, 'SANDBOX_READY');
        assert.deepEqual(listed.metadata, {name: pod.name, namespace: pod.namespace, uid: pod.uid, attempt: 0});
        assert.equal(listed.labels['io.kubernetes.pod.name'], pod.name);
        assert.equal(listed.labels['io.kubernetes.pod.namespace'], pod.namespace);
        assert.equal(listed.labels['io.kubernetes.pod.uid'], pod.uid);
      }
      assert.deepEqual(new Set(items.map((item: any) => item.metadata.namespace)), new Set(['default', 'kube-system']));
      const web = await tb.cri.call<any>('PodSandboxStatus', {podSandboxId: seed.pods.web.id});
      assert.match(web.status.network.ip, /^10\.\d+\.\d+\.\d+$/, 'the web pod has an IP on the bridge');

      const {containers} = await tb.cri.call<any>('ListContainers', {});
      assert.equal(containers.length, 4);
      const expected = {
        logger: 'CONTAINER_RUNNING',
        sleeper: 'CONTAINER_RUNNING',
        failing: 'CONTAINER_EXITED',
        succeeded: 'CONTAINER_EXITED',
      } as const;
      for (const [key, state] of Object.entries(expected)) {
        const c = seed.containers[key as keyof typeof expected];
        const listed = containers.find((item: any) => item.id === c.id);
        assert.ok(listed, `container ${c.name} not listed`);
        assert.equal(listed.state, state, `${c.name}`);
        assert.equal(listed.podSandboxId, c.podId);
        assert.equal(listed.labels['io.kubernetes.container.name'], c.name);
        assert.equal(listed.labels['io.kubernetes.pod.name'], c.podName);
        assert.equal(listed.labels['io.kubernetes.pod.namespace'], c.namespace);
      }
      const failing = await tb.cri.call<any>('ContainerStatus', {containerId: seed.containers.failing.id});
      assert.equal(failing.status.exitCode, 3);
      assert.equal(failing.status.reason, 'Error');
      const succeeded = await tb.cri.call<any>('ContainerStatus', {containerId: seed.containers.succeeded.id});
      assert.equal(succeeded.status.exitCode, 0);
      assert.equal(succeeded.status.reason, 'Completed');
    });

    await t.test('the looping container writes a growing CRI-format log', async () => {
      const {logger, failing} = seeded().containers;
      const before = statSync(logger.logPath).size;
      // It prints a line a second: wait for the log to grow to three lines or more.
      await waitFor(() => statSync(logger.logPath).size > before && readFileSync(logger.logPath, 'utf8').trimEnd().split('\n').length >= 3, {
        timeoutMs: 30_000,
        what: 'the looping container to log three lines',
      }).catch(() => undefined);
      const text = readFileSync(logger.logPath, 'utf8');
      assert.ok(text.length > before, `log did not grow past ${before} bytes`);
      const lines = text.trimEnd().split('\n');
      assert.ok(lines.length >= 3, `only ${lines.length} lines`);
      lines.forEach((line, n) => {
        const match = CRI_LINE.exec(line);
        assert.ok(match, `not a CRI log line: ${JSON.stringify(line)}`);
        assert.ok(!Number.isNaN(Date.parse(match[1]!)), `bad timestamp in ${line}`);
        assert.equal(match[4], 'stdout');
        assert.equal(match[5], 'F');
        assert.equal(match[6], `line ${n}`);
      });
      const failed = readFileSync(failing.logPath, 'utf8').trimEnd().split('\n');
      assert.equal(failed.length, 1);
      assert.match(failed[0]!, / stderr F boom$/);
    });

    await t.test('StopContainer stops the looping container', async () => {
      const {logger} = seeded().containers;
      await tb.cri.call('StopContainer', {containerId: logger.id, timeout: 1}, 30_000);
      const {status} = await tb.cri.call<any>('ContainerStatus', {containerId: logger.id});
      assert.equal(status.state, 'CONTAINER_EXITED');
      assert.ok(status.finishedAt > 0);
      // Killed by a signal: SIGTERM (143), or SIGKILL (137) once the grace period is over.
      assert.ok([137, 143].includes(status.exitCode), `exit code ${status.exitCode}`);
      const size = statSync(logger.logPath).size;
      // Longer than its one-line-a-second rhythm: no line comes.
      await holdsFor(() => statSync(logger.logPath).size === size, 1_500, 'the log stays as it was').catch(() => undefined);
      assert.equal(statSync(logger.logPath).size, size, 'log still grows after StopContainer');
    });

    await t.test('stop() leaves no containerd, shim, container, mount or folder behind', async () => {
      const cgroupDirs = readdirSync('/sys/fs/cgroup').map((d) => `/sys/fs/cgroup/${d}${tb.cgroupParent}`);
      assert.ok(cgroupDirs.some((d) => existsSync(d)), 'pods should live under the testbed cgroup parent');
      assert.ok(existsSync(`/sys/class/net/${tb.bridge}`), 'the web pod should have made the bridge');
      await tb.stop();
      assert.equal(existsSync(`/proc/${tb.pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${tb.pid}/status`, 'utf8')), false);
      const ours = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .map((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
          } catch {
            return '';
          }
        })
        .filter((cmdline) => cmdline.includes(tb.root));
      assert.deepEqual(ours, [], 'processes still naming the testbed folder');
      assert.equal(readFileSync('/proc/self/mountinfo', 'utf8').includes(tb.root), false, 'mounts left');
      assert.equal(existsSync(tb.root), false, 'folder left');
      assert.deepEqual(cgroupDirs.filter((d) => existsSync(d)), [], 'cgroups left');
      assert.equal(existsSync(`/sys/class/net/${tb.bridge}`), false, 'bridge left');
    });
  } finally {
    await tb.stop();
  }
});
