/** Where the worker's tasks come from: the shipped data files (each read once) and the learner's uploads. */
import type { TaskId, TrainConfig } from '../shared/config';
import type { ModelSpec } from '../shared/spec';
import { TASKS, loadTaskData } from '../tasks/registry';
import { USER_DATA, type Task, type TaskData } from '../tasks/task';

/** Builds tasks with their data: shipped files read through `readDataFile`, plus the learner's upload per task. */
export class TaskSource {
  private readonly files = new Map<string, Promise<string>>();
  private readonly uploads = new Map<TaskId, string>();

  constructor(private readonly readDataFile: (file: string) => Promise<string>) {}

  /** A task's data: its shipped files and, under USER_DATA, the learner's upload if there is one. */
  async data(task: TaskId): Promise<TaskData> {
    const data = await loadTaskData(task, (file) => this.readOnce(file));
    const upload = this.uploads.get(task);
    if (upload !== undefined) data[USER_DATA] = upload;
    return data;
  }

  /**
   * The model spec of any config, from every task's data as it is now (a task whose files cannot be read
   * gets none): what an imported file's own config is checked against.
   */
  async modelSpecBuilder(): Promise<(config: TrainConfig) => ModelSpec> {
    const dataByTask = new Map<TaskId, TaskData>();
    for (const id of Object.keys(TASKS) as TaskId[]) dataByTask.set(id, await this.data(id).catch(() => ({})));
    return (config) => TASKS[config.task](config, dataByTask.get(config.task) ?? {}).modelSpec;
  }

  /** The task of a config, built with its data. */
  async build(config: TrainConfig): Promise<Task> {
    return TASKS[config.task](config, await this.data(config.task));
  }

  /**
   * Uses `text` as the learner's upload for the config's task (undefined: the shipped data again) if the task
   * can be built with it. If not, the task keeps the data it had and the error's message is returned.
   */
  async setUpload(config: TrainConfig, text: string | undefined): Promise<string | undefined> {
    const previous = this.uploads.get(config.task);
    this.putUpload(config.task, text);
    try {
      await this.build(config);
      return undefined;
    } catch (error) {
      this.putUpload(config.task, previous);
      return (error as Error).message;
    }
  }

  private putUpload(task: TaskId, text: string | undefined): void {
    if (text === undefined) this.uploads.delete(task);
    else this.uploads.set(task, text);
  }

  /** Reads a shipped file once; later calls share the first read (a failed read stays failed). */
  private readOnce(file: string): Promise<string> {
    let read = this.files.get(file);
    if (!read) this.files.set(file, (read = this.readDataFile(file)));
    return read;
  }
}
