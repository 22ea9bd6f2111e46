import {test} from 'node:test';
import assert from 'node:assert/strict';
import {removeCrictl, removeNotes, stopCrictl, stopNotes} from '../../source/format/action-text.js';
import {container, image} from '../state/fake-client.js';

const ID = 'a'.repeat(64);
const kubelet = {'io.kubernetes.pod.name': 'web-1', 'io.kubernetes.container.name': 'app'};

test('stop: the crictl line carries the timeout really used; the kubelet note only for what it manages', () => {
	assert.equal(stopCrictl({}, {kind: 'container', id: ID, name: 'app'}), 'crictl stop --timeout 10 aaaaaaaaaaaaa');
	assert.equal(stopCrictl({}, {kind: 'pod', id: ID, name: 'web'}), 'crictl stopp aaaaaaaaaaaaa');
	assert.match(stopNotes({kind: 'container', id: ID, name: 'app'}, kubelet).join('\n'), /kubelet .* will restart it/);
	assert.doesNotMatch(stopNotes({kind: 'container', id: ID, name: 'app'}, {app: 'x'}).join('\n'), /kubelet/);
	assert.match(stopNotes({kind: 'pod', id: ID, name: 'web'}, {'io.kubernetes.pod.uid': 'u'}).join('\n'), /kubelet .* recreate the pod sandbox/);
});

test('remove: log files named, -f for a running container, every tag of an image listed', () => {
	const running = container(ID, 'app', 'p');
	assert.equal(removeCrictl({}, {kind: 'container', id: ID, name: 'app'}, [running]), 'crictl rm -f aaaaaaaaaaaaa');
	assert.equal(removeCrictl({}, {kind: 'container', id: ID, name: 'app'}, [{...running, state: 'CONTAINER_EXITED'}]), 'crictl rm aaaaaaaaaaaaa');
	assert.match(removeNotes({kind: 'container', id: ID, name: 'app'}, {containers: [running]}).join('\n'), /log file and its rotations are deleted/);
	const img = {...image('sha256:1', 'docker.io/library/busybox:latest'), repoTags: ['docker.io/library/busybox:latest', 'docker.io/library/busybox:1.36', 'my/busybox:x']};
	const notes = removeNotes({kind: 'image', id: 'sha256:1', name: 'docker.io/library/busybox:1.36'}, {containers: [], images: [img]});
	assert.match(notes[0], /all 3 tags: docker\.io\/library\/busybox:latest, docker\.io\/library\/busybox:1\.36, my\/busybox:x/);
	assert.equal(removeCrictl({}, {kind: 'image', id: `sha256:${'b'.repeat(64)}`, name: 'x'}, []), 'crictl rmi bbbbbbbbbbbbb');
});
