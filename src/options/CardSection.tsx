/** The card's behaviour: hover delay and theme (the theme also applies to these pages). */
import { t } from '../shared/i18n.ts';
import { HOVER_DELAY_RANGE, type Settings, type Theme } from '../shared/settings.ts';
import { NumberField, Radios, Section } from './controls.tsx';

type Card = Settings['card'];

export function CardSection({
  card,
  save,
}: {
  card: Card;
  save: (change: (c: Card) => Card) => Promise<void>;
}) {
  return (
    <Section id="cards" title={t('sectionCards')}>
      <NumberField
        name="hoverDelayMs"
        label={t('optHoverDelay')}
        hint={t('optHoverDelayHint')}
        value={card.hoverDelayMs}
        min={HOVER_DELAY_RANGE.min}
        max={HOVER_DELAY_RANGE.max}
        step={50}
        onSave={(hoverDelayMs) => void save((c) => ({ ...c, hoverDelayMs }))}
      />
      <Radios<Theme>
        name="theme"
        legend={t('optTheme')}
        value={card.theme}
        onChange={(theme) => void save((c) => ({ ...c, theme }))}
        options={[
          { value: 'auto', label: t('themeAuto') },
          { value: 'light', label: t('themeLight') },
          { value: 'dark', label: t('themeDark') },
        ]}
      />
    </Section>
  );
}
