/** The config the learner chose: settings one at a time or a whole preset, and the link's refused values. */
import { defaultConfig, isLiveSetting, withChanges, type TrainConfig } from '../shared/config';
import { presetSettings } from '../shared/presets';
import type { AppSlice, StoreOptions } from './appState';
import { runFailed } from './runSlice';
import type { TrainerSession } from './trainerSession';

/** The config slice. */
export interface ConfigSlice {
  config: TrainConfig;
  /** The preset the config started from, if any. */
  preset?: string;
  /** Values of the page's link that were refused (each fell back to its default). */
  linkNotices: string[];
  dismissLinkNotices(): void;
  /** Validates and applies one setting; returns a message when the value is refused (nothing changes then). */
  setSetting(key: keyof TrainConfig, value: unknown): Promise<string | undefined>;
  /** Replaces the config with the defaults plus a preset's settings (or the plain defaults for undefined). */
  applyPreset(name: string | undefined): Promise<string | undefined>;
}

/** Creates the config slice. */
export function createConfigSlice(session: TrainerSession, options: StoreOptions): AppSlice<ConfigSlice> {
  return (set, get) => ({
    config: options.config,
    preset: options.preset,
    linkNotices: options.notices ?? [],
    dismissLinkNotices: () => set({ linkNotices: [] }),

    async setSetting(key, value) {
      const result = withChanges(get().config, { [key]: value });
      if ('error' in result) return result.error;
      const config = result.config;
      if (config[key] === get().config[key]) return undefined;
      set({ config });
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
        config = { ...config, ...preset.settings };
      }
      set({ config, preset: name });
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
