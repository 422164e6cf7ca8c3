// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/profile_tables.h"

#include <QAbstractTableModel>

namespace fperf {

// One source file, every line annotated with its figures (like hotspot's and KCachegrind's
// annotated source): the line number, the measured figures, then the code. Lines without
// activity leave their figures blank, so the costly ones stand out.
class SourceAnnotationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int BarFractionRole = Qt::UserRole + 1; // as ProfileTableModel's
    static constexpr int LineRole = Qt::UserRole + 3;

    explicit SourceAnnotationModel(QObject *parent = nullptr);

    // rows: sourceRows(profile, file, ...); columns: measuredColumns().
    void setSource(const QString &file, const QList<ProfileRow> &rows,
                   const QList<ProfileColumn> &columns);
    QString file() const { return m_file; }
    // The row of a line, or -1.
    int rowOfLine(int lineno) const;
    int sourceColumn() const { return 1 + int(m_columns.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString m_file;
    QList<ProfileRow> m_rows;
    QList<ProfileColumn> m_columns;
    QList<double> m_columnMax;
};

} // namespace fperf
