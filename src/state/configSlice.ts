/**
 * The config the learner chose: settings one at a time or a whole preset, and the link's refused values. Choosing
 * another task applies its defaults (shared/config.ts, TASK_DEFAULTS) to every setting the learner has not set.
 */
import {
  CONFIG_FIELDS,
  changesForChoice,
  defaultConfig,
  isChoosingSetting,
  isLiveSetting,
  parseField,
  startingConfig,
  withChanges,
  type DefaultsChoice,
  type TrainConfig,
} from '../shared/config';
import { PRESETS, presetSettings } from '../shared/presets';
import type { AppSlice, StoreOptions } from './appState';
import { runFailed } from './runSlice';
import type { TrainerSession } from './trainerSession';

/** The config slice. */
export interface ConfigSlice {
  config: TrainConfig;
  /** The preset the config started from, if any. */
  preset?: string;
  /** The settings the learner changed since the page opened or the last preset; a new task keeps their values. */
  touched: ReadonlyArray<keyof TrainConfig>;
  /** Values of the page's link that were refused (each fell back to its default). */
  linkNotices: string[];
  dismissLinkNotices(): void;
  /**
   * Validates and applies one setting; returns a message when the value is refused (nothing changes then). A new
   * task (or source of reviews) brings its defaults for the settings the learner has not set.
   */
  setSetting(key: keyof TrainConfig, value: unknown): Promise<string | undefined>;
  /** Replaces the config with a preset's settings over its task's defaults (or the plain defaults for undefined). */
  applyPreset(name: string | undefined): Promise<string | undefined>;
}

/** Creates the config slice. */
export function createConfigSlice(session: TrainerSession, options: StoreOptions): AppSlice<ConfigSlice> {
  return (set, get) => ({
    config: options.config,
    preset: options.preset,
    touched: [],
    linkNotices: options.notices ?? [],
    dismissLinkNotices: () => set({ linkNotices: [] }),

    async setSetting(key, value) {
      const { config: before, preset, touched } = get();
      const parsed = parseField(CONFIG_FIELDS[key], value);
      if ('error' in parsed) return parsed.error;
      const over = preset ? PRESETS[preset]?.settings : undefined;
      const changes = isChoosingSetting(key) ? changesForChoice(before, { [key]: parsed.value } as DefaultsChoice, touched, over) : { [key]: parsed.value };
      const result = withChanges(before, changes);
      if ('error' in result) return result.error;
      const config = result.config;
      if (config[key] === before[key]) return undefined;
      set({ config, touched: touched.includes(key) ? touched : [...touched, key] });
      options.onConfigChange?.(config, get().preset);
      try {
        if (isLiveSetting(key)) await session.api?.updateLive({ [key]: config[key] });
        else await session.rebuild(config);
      } catch (error) {
        set(runFailed(error));
      }
      return undefined;
    },

    async applyPreset(name) {
      let config = defaultConfig();
      if (name) {
        const preset = presetSettings(name);
        if ('error' in preset) return preset.error;
        // the preset's settings on top of its task's defaults
        config = startingConfig({}, preset.settings);
      }
      set({ config, preset: name, touched: [] });
      options.onConfigChange?.(config, name);
      try {
        await session.rebuild(config);
      } catch (error) {
        set(runFailed(error));
      }
      return undefined;
    },
  });
}
