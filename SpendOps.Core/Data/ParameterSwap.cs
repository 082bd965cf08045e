using System.Linq.Expressions;

namespace SpendOps.Core.Data;

/// <summary>Puts <c>to</c> wherever a lambda body reads parameter <c>from</c>: reuses a column expression inside a larger projection EF translates.</summary>
internal sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
