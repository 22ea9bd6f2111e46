// What a simulated runtime flavour is made of: the fields of one row of the table in flavours.ts,
// each a way real runtimes were seen to differ (../shared/notes/runtime-differences.md).

export type Flavor = 'containerd' | 'containerd-1.7' | 'cri-o' | 'cri-dockerd';

/** gRPC status codes used below (numbers so this file needs no grpc import). */
export const code = {unknown: 2, notFound: 5, failedPrecondition: 9, unimplemented: 12} as const;

export type FlavourSpec = {
	runtimeName: string;
	runtimeVersion: string;
	/** The sandbox (pause) image this runtime uses. */
	pauseImage: string;
	/** Image.id: `sha256:<hex>` or CRI-O's bare `<hex>`. */
	imageId: 'sha256' | 'bare';
	/** repoTags: `docker.io/library/busybox:1.36` or Docker's short `busybox:1.36`. */
	repoTags: 'full' | 'short';
	/** repoDigests filled (CRI-O) or empty (locally loaded images on the others). */
	repoDigests: boolean;
	/** CRI-O and cri-dockerd pin their pause image; containerd 1.6 does not. */
	pinsPause: boolean;
	/** Container.imageRef in ListContainers / ContainerStatus. */
	imageRefList: 'id' | 'digest';
	imageRefStatus: 'id' | 'docker-id' | 'digest';
	/** ContainerStatus.image.image is Docker's short name on cri-dockerd. */
	statusImageShort: boolean;
	/** cri-dockerd: whole seconds in ListContainers/ListPodSandbox createdAt (the Status calls keep nanoseconds). */
	wholeSecondsInLists: boolean;
	/** Container.imageId / ContainerStatus.imageId: empty (containerd 1.6, cri-dockerd) or the image's id (CRI-O, bare hex). */
	containerImageId: 'empty' | 'id';
	/** CRI-O: a container made by image name has image = the name and imageRef = bare hex; made by
	 * image ID (as the kubelet does) image = the hex ID and imageRef = repo@sha256:digest. */
	imagePairing: 'crio' | 'plain';
	/** A running container's finishedAt: 0, or Go's zero time as nanoseconds (cri-dockerd). */
	runningFinishedAt: bigint;
	/** CRI-O adds io.kubernetes.* labels to pods itself. */
	addsPodLabels: boolean;
	/** Keys of Status verbose info. */
	statusInfo: (pauseImage: string) => Record<string, unknown>;
	/** ContainerStatus verbose info: containerd richest, CRI-O middling, cri-dockerd pid+sandboxID. */
	containerInfo: 'containerd' | 'cri-o' | 'cri-dockerd';
	/** PodSandboxStatus verbose info (cri-dockerd: none). */
	podInfo: boolean;
	/** ContainerStatus.resources (containerd, CRI-O; null on cri-dockerd). */
	containerResources: boolean;
	/** ContainerStatus.user (CRI-O only). */
	containerUser: boolean;
	/** Status: CRI-O's runtimeHandlers and features. */
	runtimeHandlers: string[];
	features: boolean;
	/** ImageFsInfo.containerFilesystems: one entry with this mountpoint (CRI-O, cri-dockerd), or none. */
	containerFilesystems?: string;
	/** RuntimeConfig's cgroup driver, or undefined for UNIMPLEMENTED (containerd 1.6). */
	cgroupDriver?: 'SYSTEMD' | 'CGROUPFS';
	stats: {
		usageNanoCores: boolean;
		fullMemory: boolean;
		/** Exited containers in ListContainerStats: left out, listed with cpu/memory null
		 * (containerd 1.6), or listed with zeros (cri-dockerd). */
		exited: 'omit' | 'null' | 'zeros';
	};
	/** ListPodSandboxStats: works, CRI-O's (cpu/memory may be null), fails (containerd 1.6) or unimplemented. */
	podStats: 'full' | 'nullable' | 'fails' | 'unimplemented';
	/** GetContainerEvents streams. */
	events: boolean;
	/** CRI-O: containersStatuses empty on every event; the pod's own start, stop and removal come
	 * as container events whose containerId is the pod's ID. */
	eventStyle: 'full' | 'crio';
	/** StreamContainers/StreamPodSandboxes/StreamImages (KEP 5825). No observed runtime has them;
	 * the sim offers them on containerd-1.7 only so clients can exercise the path. */
	listStreaming: boolean;
	/** RuntimeConfig, ListMetricDescriptors, ListPodSandboxMetrics. */
	metrics: boolean;
	/** Log files: CRI format, or a symlink to Docker's json-file log. */
	logs: 'cri' | 'docker-json';
	/** CRI log time: Go's RFC3339Nano with `Z` (containerd) or CRI-O's nine digits and `+00:00`. */
	logTime: 'rfc3339nano' | 'crio';
	/** Log file mode (CRI-O 0600) and whether the pod log folder holds `<sandboxID>.log` (CRI-O). */
	logMode: number;
	podLogFile: boolean;
	/** StopPodSandbox stops the app containers (with this exit code), or leaves them running (cri-dockerd). */
	stopPodContainers: 137 | 143 | 'leave-running';
	/** Answers for an unknown ID where a runtime differs from "not found" (see notFound). */
	unknownId: {
		StopContainer: 'ok' | 'not-found';
		RemoveContainer: 'ok' | 'error';
		StopPodSandbox: 'ok' | 'not-found';
		/** ContainerStats/PodSandboxStats of an unknown ID: CRI-O code 2, others their not-found. */
		stats: 'unknown' | 'not-found';
	};
	exec: ExecFlavour;
	/** CRI-O keeps log files after RemoveContainer; cri-dockerd removes its symlink; containerd removes nothing either. */
	removeDeletesLog: boolean;
	/** RemoveImage of an image a container uses: containerd deletes it anyway (the kubelet's GC
	 * guards), CRI-O and Docker refuse. */
	removeImageInUse: 'allow' | 'refuse';
	/** Grace waited when StopPodSandbox meets a process ignoring SIGTERM. */
	stopPodGrace: 'none' | 'own-10s' | 'until-deadline';
	/** After a daemon restart: pods stay ready, or come back NotReady with containers exited. */
	restartKeepsPods: boolean;
	/** Mountpoint ImageFsInfo reports for the image filesystem. */
	imageFsMount: string;
	/** Text of an UNIMPLEMENTED answer for an RPC this runtime lacks. */
	unimplemented: (rpc: string) => string;
	/** Error for a missing object. */
	notFound: (kind: 'container' | 'sandbox' | 'image', id: string) => {code: number; message: string};
	/** Error for RemoveImage of an image in use. */
	imageInUse: (image: string, containerId: string) => {code: number; message: string};
};

/** How a runtime serves Exec and ExecSync. */
export type ExecFlavour = {
	/** The URL Exec answers: `http://127.0.0.1:PORT/exec/TOKEN`, or cri-dockerd's scheme-less
	 * `//127.0.0.1:PORT/cri/exec/TOKEN`. */
	url: 'http' | 'scheme-less-cri';
	/** A program that does not exist, on the stream: CRI-O writes the runtime's error and exits 255;
	 * cri-dockerd writes `OCI runtime exec failed: …` and exits 126; containerd sends an error
	 * status without an exit code. None says 127. */
	missing: 'crio-255' | 'docker-126' | 'error-status';
	/** ExecSync of a missing program: the RPC fails (code 2), or exit 126 with no output (cri-dockerd). */
	missingSync: 'rpc-error' | 'exit-126';
	/** The text after "command terminated with non-zero exit code: " on the stream's Status. */
	exitText: (code: number, cmd: string[]) => string;
	/** Exec on a container that is not running: the RPC fails, or a URL whose stream says so (CRI-O). */
	notRunning: 'rpc-error' | 'on-stream';
};

/** The runtime's own words for a program that is not in the image. */
export const notInPath = (program: string) => `exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH`;

/** Go's zero time (0001-01-01T00:00:00Z) as Unix nanoseconds, wrapped to int64 as cri-dockerd sends it. */
export const goZeroTime = -6_795_364_578_871_345_152n;

