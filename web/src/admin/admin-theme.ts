// Ant Design tokens for the admin pages: the site's colours, text that meets WCAG AA contrast
// (antd's default secondary greys do not), and larger type and targets in elderly mode. No motion:
// messages appear at once (a fading message fails contrast while it fades, and distracts).
import type { ThemeConfig } from 'antd';

export function adminTheme(elderly: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: '#a3161d',
      colorLink: '#0a4a94',
      colorError: '#b3141b',
      colorSuccess: '#0b6b31',
      colorWarning: '#8a4b00',
      colorInfo: '#0a4a94',
      // antd derives message backgrounds from the seed colours; dark seeds give murky ones
      colorSuccessBg: '#e7f5ec',
      colorSuccessBorder: '#6fb58a',
      colorInfoBg: '#e6eefc',
      colorInfoBorder: '#8fb0e8',
      colorErrorBg: '#fdeced',
      colorErrorBorder: '#e08a8f',
      colorWarningBg: '#fff1dc',
      colorWarningBorder: '#e0b070',
      colorText: 'rgba(0, 0, 0, 0.9)',
      colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.68)',
      colorTextQuaternary: 'rgba(0, 0, 0, 0.64)',
      colorTextDescription: 'rgba(0, 0, 0, 0.72)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.64)',
      colorBorder: '#7a8594',
      fontFamily: "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif",
      borderRadius: 6,
      motion: false,
      ...(elderly ? { fontSize: 20, controlHeight: 48, controlHeightSM: 40, controlHeightLG: 56 } : { controlHeight: 36 }),
    },
  };
}
